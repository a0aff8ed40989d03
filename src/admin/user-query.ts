import {
  USER_STATUSES,
  USER_TYPES,
  type UserSearch,
  type UserSortKey,
  type UserStatus,
  type UserType,
} from '../store';

export const USERS_PAGE_SIZE = 25;
const MAX_QUERY_LENGTH = 200;
const MAX_PAGE = 1_000_000;

/** URL names of the sortable columns. */
const SORT_PARAMS = {
  username: 'username',
  name: 'displayName',
  created: 'createdAt',
  'last-sign-in': 'lastSignInAt',
} as const satisfies Record<string, UserSortKey>;
export type SortParam = keyof typeof SORT_PARAMS;
const SORT_NAMES = Object.keys(SORT_PARAMS) as SortParam[];
export type SortDirection = 'asc' | 'desc';

/** Names read A→Z; dates newest first. */
export const DEFAULT_DIRECTION: Record<SortParam, SortDirection> = {
  username: 'asc',
  name: 'asc',
  created: 'desc',
  'last-sign-in': 'desc',
};

export interface UserListQuery {
  /** Trimmed; '' lists everyone. */
  q: string;
  status: UserStatus | null;
  type: UserType | null;
  sort: SortParam;
  dir: SortDirection;
  page: number;
}

/** A refusal's catalog key and values, translated by the page or the API answering it. */
export interface QueryRefusal {
  key: string;
  values?: Record<string, string | number>;
}

export type UserListQueryResult = { ok: true; query: UserListQuery } | { ok: false; message: QueryRefusal };

const PARAM_NAMES = ['q', 'status', 'type', 'sort', 'dir', 'page'] as const;
type ParamName = (typeof PARAM_NAMES)[number];

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Each parameter once, as plain text; anything else (`q[]=`, `q[$ne]=`, repeats, unknown names) is refused. */
function readParams(raw: Record<string, unknown>): Partial<Record<ParamName, string>> | QueryRefusal {
  const params: Partial<Record<ParamName, string>> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isOneOf(PARAM_NAMES, name))
      return { key: 'admin-users:query.unknown_parameter', values: { name: name.slice(0, 40) } };
    if (typeof value !== 'string') return { key: 'admin-users:query.repeated_parameter', values: { name } };
    params[name] = value;
  }
  return params;
}

function parsePage(value: string | undefined): number | null {
  if (!value) return 1;
  if (!/^[1-9]\d*$/.test(value)) return null;
  const page = Number(value);
  return page <= MAX_PAGE ? page : null;
}

/** '' → null (no filter); a listed value → itself; anything else → undefined (refused). */
function parseChoice<T extends string>(values: readonly T[], value: string): T | null | undefined {
  return value ? values.find((candidate) => candidate === value) : null;
}

const refuse = (key: string, values?: QueryRefusal['values']): UserListQueryResult => ({
  ok: false,
  message: { key, values },
});

function parseFields(params: Partial<Record<ParamName, string>>): UserListQueryResult {
  const { q = '' } = params;
  if (q.length > MAX_QUERY_LENGTH) {
    return refuse('admin-users:query.too_long', { max: MAX_QUERY_LENGTH });
  }
  const status = parseChoice(USER_STATUSES, params.status ?? '');
  if (status === undefined) {
    return refuse('admin-users:query.unknown_status', { values: USER_STATUSES.join(', ') });
  }
  const type = parseChoice(USER_TYPES, params.type ?? '');
  if (type === undefined) {
    return refuse('admin-users:query.unknown_type', { values: USER_TYPES.join(', ') });
  }
  const sort = parseChoice(SORT_NAMES, params.sort ?? '') ?? 'username';
  if (params.sort && sort !== params.sort) {
    return refuse('admin-users:query.unknown_sort', { values: SORT_NAMES.join(', ') });
  }
  const dir = parseChoice(['asc', 'desc'] as const, params.dir ?? '');
  if (dir === undefined) return refuse('admin-users:query.unknown_direction');
  const page = parsePage(params.page);
  if (page === null) {
    return refuse('admin-users:query.page_range', { max: MAX_PAGE });
  }
  const query = {
    q: q.trim().normalize('NFKC'),
    status,
    type,
    sort,
    dir: dir ?? DEFAULT_DIRECTION[sort],
    page,
  };
  return { ok: true, query };
}

/** Validates /admin/users query parameters; every refusal says what to fix. */
export function parseUserListQuery(raw: Record<string, unknown>): UserListQueryResult {
  const params = readParams(raw);
  return 'key' in params ? { ok: false, message: params as QueryRefusal } : parseFields(params);
}

export function toUserSearch(query: UserListQuery): UserSearch {
  return {
    query: query.q || undefined,
    status: query.status ?? undefined,
    userType: query.type ?? undefined,
    sort: SORT_PARAMS[query.sort],
    descending: query.dir === 'desc',
    page: query.page,
    pageSize: USERS_PAGE_SIZE,
  };
}

/** A list URL keeping every current parameter except those changed; defaults are left out. */
export function listHref(query: UserListQuery, changes: Partial<UserListQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.status) params.set('status', next.status);
  if (next.type) params.set('type', next.type);
  if (next.sort !== 'username') params.set('sort', next.sort);
  if (next.dir !== DEFAULT_DIRECTION[next.sort]) params.set('dir', next.dir);
  if (next.page > 1) params.set('page', String(next.page));
  const search = params.toString();
  return search ? `/admin/users?${search}` : '/admin/users';
}
