import { AUDIT_CATEGORIES } from '../audit/audit-messages';
import { actionsMatching } from '../audit/audit-search';
import type { Translate } from '../i18n/localization';
import { normalizeUsername } from '../shared/username';
import type { AuditFilter, UserRepository } from '../store';
import { isTicketRefShaped, TICKET_REF_MAX_LENGTH } from './ticket-ref';

export const AUDIT_PAGE_SIZE = 50;

/** The filters as given (trimmed, '' when unset): echoed into the form and into paging and export links. */
export interface AuditQuery {
  /** Free text over the events' sentences ("password", "text message"), or a username or user id. */
  q: string;
  /** A key of AUDIT_CATEGORIES ("resets", "sign-in", …). */
  category: string;
  actor: string;
  target: string;
  action: string;
  /** A ticket reference, matched exactly against what admin resets recorded. */
  ticket: string;
  from: string;
  to: string;
  page: number;
}

/** A message of the `audit` catalog with its values, translated where the request is answered. */
export interface AuditPhrase {
  key: string;
  values?: Record<string, string | number>;
}

export type AuditQueryResult = { ok: true; query: AuditQuery } | { ok: false; message: AuditPhrase };

type TextField = Exclude<keyof AuditQuery, 'page'>;

const TEXT_FIELDS: readonly TextField[] = [
  'q',
  'category',
  'actor',
  'target',
  'action',
  'ticket',
  'from',
  'to',
];
const FIELDS: readonly string[] = [...TEXT_FIELDS, 'page'];
const MAX_USER_LENGTH = 320;
const ACTION_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const PAGE_PATTERN = /^[1-9]\d{0,5}$/;

const MAX_SEARCH_LENGTH = 200;

const INVALID: Record<TextField | 'page', AuditPhrase> = {
  q: { key: 'audit:query.q', values: { max: MAX_SEARCH_LENGTH } },
  category: {
    key: 'audit:query.category',
    values: { categories: Object.keys(AUDIT_CATEGORIES).join(', ') },
  },
  actor: { key: 'audit:query.actor', values: { max: MAX_USER_LENGTH } },
  target: { key: 'audit:query.target', values: { max: MAX_USER_LENGTH } },
  action: { key: 'audit:query.action' },
  ticket: { key: 'audit:query.ticket', values: { max: TICKET_REF_MAX_LENGTH } },
  from: { key: 'audit:query.from' },
  to: { key: 'audit:query.to' },
  page: { key: 'audit:query.page' },
};

function isCalendarDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const VALID: Record<TextField, (value: string) => boolean> = {
  q: (value) => value.length <= MAX_SEARCH_LENGTH,
  category: (value) => Object.hasOwn(AUDIT_CATEGORIES, value),
  actor: (value) => value.length <= MAX_USER_LENGTH,
  target: (value) => value.length <= MAX_USER_LENGTH,
  action: (value) => ACTION_PATTERN.test(value),
  ticket: isTicketRefShaped,
  from: isCalendarDay,
  to: isCalendarDay,
};

/** `page[]=1` or `page=1&page=2` arrive as other keys or arrays: each names the field it meant. */
function findMalformedKey(raw: Record<string, unknown>): AuditPhrase | null {
  for (const [key, value] of Object.entries(raw)) {
    const field = key.replace(/\[.*$/, '');
    if (!FIELDS.includes(field))
      return { key: 'audit:query.unknown_parameter', values: { field, fields: FIELDS.join(', ') } };
    if (key !== field || typeof value !== 'string') return { key: 'audit:query.repeated', values: { field } };
  }
  return null;
}

/** Every problem is a message naming its parameter; empty values mean "no filter". */
export function parseAuditQuery(raw: Record<string, unknown>): AuditQueryResult {
  const malformed = findMalformedKey(raw);
  if (malformed) return { ok: false, message: malformed };
  const text = (field: string) => ((raw[field] as string | undefined) ?? '').trim();
  const query: AuditQuery = {
    q: '',
    category: '',
    actor: '',
    target: '',
    action: '',
    ticket: '',
    from: '',
    to: '',
    page: 1,
  };
  for (const field of TEXT_FIELDS) {
    const value = text(field);
    if (value && !VALID[field](value)) return { ok: false, message: INVALID[field] };
    query[field] = value;
  }
  const page = text('page');
  if (page && !PAGE_PATTERN.test(page)) return { ok: false, message: INVALID.page };
  query.page = page ? Number(page) : 1;
  if (query.from && query.to && query.from > query.to) {
    return { ok: false, message: { key: 'audit:query.from_after_to' } };
  }
  return { ok: true, query };
}

/** The query string for this query on `page` (omitted for page 1 and for the CSV export). */
export function toAuditSearch(query: AuditQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const field of TEXT_FIELDS) if (query[field]) params.set(field, query[field]);
  if (page && page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

async function resolveUserId(users: UserRepository, value: string): Promise<string | null> {
  const byId = await users.findById(value);
  if (byId) return byId.id;
  return (await users.findByUsername(normalizeUsername(value)))?.id ?? null;
}

function categoryActions(category: string): readonly string[] | null {
  if (!category) return null;
  return AUDIT_CATEGORIES[category as keyof typeof AUDIT_CATEGORIES].actions;
}

/**
 * The category and the free text, onto `filter`: text that some sentence contains narrows to those
 * actions (within the category); otherwise text naming a user finds the events about that account.
 * Returns a notice when the text matched nothing, so the page can say why it is empty.
 */
async function narrowByText(
  query: AuditQuery,
  users: UserRepository,
  filter: AuditFilter,
  t: Translate,
): Promise<AuditPhrase | null> {
  const inCategory = categoryActions(query.category);
  if (inCategory) filter.actions = inCategory;
  if (!query.q) return null;
  const matching = actionsMatching(t, query.q);
  if (matching.length > 0) {
    filter.actions = inCategory ? matching.filter((action) => inCategory.includes(action)) : matching;
    return null;
  }
  const userId = await resolveUserId(users, query.q);
  if (userId) {
    filter.targetId ??= userId;
    return null;
  }
  return { key: 'audit:query.no_match', values: { text: query.q } };
}

/** `filter` is null when a named actor or target is no user, so nothing can match; `notices` say why. */
export interface ResolvedAuditFilter {
  filter: AuditFilter | null;
  notices: AuditPhrase[];
}

/** Free text is matched against the sentences in `t`'s language, the ones the viewer reads. */
export async function resolveAuditFilter(
  query: AuditQuery,
  users: UserRepository,
  t: Translate,
): Promise<ResolvedAuditFilter> {
  const filter: AuditFilter = {};
  const notices: AuditPhrase[] = [];
  for (const [field, key, notice] of [
    ['actor', 'actorId', 'audit:query.no_actor'],
    ['target', 'targetId', 'audit:query.no_target'],
  ] as const) {
    if (!query[field]) continue;
    const id = await resolveUserId(users, query[field]);
    if (id) filter[key] = id;
    else notices.push({ key: notice, values: { value: query[field] } });
  }
  if (query.action) filter.action = query.action;
  const narrowed = await narrowByText(query, users, filter, t);
  if (narrowed) notices.push(narrowed);
  if (query.ticket) filter.ticketRef = query.ticket;
  if (query.from) filter.from = new Date(`${query.from}T00:00:00.000Z`);
  if (query.to) filter.to = new Date(`${query.to}T23:59:59.999Z`);
  return { filter: notices.length > 0 ? null : filter, notices };
}
