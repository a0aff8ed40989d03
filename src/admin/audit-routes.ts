import { Readable } from 'node:stream';
import { Router, type Request } from 'express';
import { requirePermission } from '../auth/session-middleware';
import { KNOWN_AUDIT_ACTIONS } from '../audit/audit-actions';
import { AUDIT_CATEGORIES } from '../audit/audit-messages';
import { toAuditCsv } from '../audit/audit-csv';
import { listAllAuditEvents } from '../audit/list-audit-events';
import { verifyStoredAuditChain, type ChainBreak } from '../audit/verify-chain';
import type { Clock } from '../clock';
import type { Translate } from '../i18n/localization';
import type { AuditEvent, Page, Store } from '../store';
import { HttpError } from '../web/errors';
import { noStore } from '../web/no-store';
import { streamResponse } from '../web/stream-response';
import {
  AUDIT_PAGE_SIZE,
  parseAuditQuery,
  resolveAuditFilter,
  toAuditSearch,
  type AuditQuery,
} from './audit-query';
import { toAuditRows } from './audit-rows';

const NO_EVENTS: Page<AuditEvent> = { items: [], total: 0 };

function parseQueryOrThrow(req: Request): AuditQuery {
  const parsed = parseAuditQuery(req.query as Record<string, unknown>);
  if (!parsed.ok) throw new HttpError(400, req.t(parsed.message.key, parsed.message.values));
  return parsed.query;
}

function pageLinks(query: AuditQuery, total: number) {
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const href = (page: number) => `/admin/audit${toAuditSearch(query, page)}`;
  return {
    pageCount,
    previous: query.page > 1 ? href(Math.min(query.page - 1, pageCount)) : null,
    next: query.page < pageCount ? href(query.page + 1) : null,
    csv: `/admin/audit.csv${toAuditSearch(query)}`,
    clear: '/admin/audit',
  };
}

/** What is wrong with the first bad event, for the page's banner (`npm run verify-audit` says it in English). */
function describeChainBreak(t: Translate, check: ChainBreak): string {
  switch (check.problem) {
    case 'gap':
      return t('audit:chain.gap', { expected: check.expectedSeq });
    case 'broken_link':
      return check.expectedSeq <= 1
        ? t('audit:chain.broken_link_start')
        : t('audit:chain.broken_link', { previous: check.expectedSeq - 1 });
    case 'hash_mismatch':
      return t('audit:chain.hash_mismatch');
  }
}

/** `YYYYMMDD` in UTC, for the export's file name. */
function compactDay(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

export interface AuditRouterDeps {
  store: Pick<Store, 'audit' | 'users'>;
  clock: Clock;
}

export function createAuditRouter({ store, clock }: AuditRouterDeps): Router {
  const router = Router();
  // The log names people and what was done to their accounts: neither page nor export may be cached.
  const canReadAudit = [noStore, requirePermission('audit:read')];

  router.get('/admin/audit', ...canReadAudit, async (req, res) => {
    const query = parseQueryOrThrow(req);
    const { filter, notices } = await resolveAuditFilter(query, store.users, req.t);
    // Re-verifies the whole chain on every view: a streamed read of the log, one batch in memory at a time.
    const [page, chain] = await Promise.all([
      filter ? store.audit.list(filter, query.page, AUDIT_PAGE_SIZE) : NO_EVENTS,
      verifyStoredAuditChain(store.audit),
    ]);
    res.render('admin/audit', {
      title: req.t('audit:page.title'),
      query,
      notices: notices.map(({ key, values }) => req.t(key, values)),
      rows: await toAuditRows(page.items, store.users, req.t),
      total: page.total,
      links: pageLinks(query, page.total),
      chain: chain.ok ? chain : { ok: false, badSeq: chain.badSeq, reason: describeChainBreak(req.t, chain) },
      actions: KNOWN_AUDIT_ACTIONS,
      categories: Object.entries(AUDIT_CATEGORIES).map(([value, category]) => ({
        value,
        label: req.t(category.label),
      })),
      moreFilters: Boolean(
        query.actor || query.target || query.action || query.ticket || query.from || query.to,
      ),
    });
  });

  // For other programs: ISO 8601 UTC times and English column names and codes, whoever exports it.
  router.get('/admin/audit.csv', ...canReadAudit, async (req, res) => {
    const query = parseQueryOrThrow(req);
    const { filter } = await resolveAuditFilter(query, store.users, req.t);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${compactDay(clock())}.csv"`,
    });
    const events = filter ? listAllAuditEvents(store.audit, filter) : [];
    await streamResponse(req, res, Readable.from(toAuditCsv(events)));
  });

  return router;
}
