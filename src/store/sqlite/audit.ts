import type { Database } from 'better-sqlite3';
import type { AuditDetails, AuditEvent, AuditEventInput, AuditFilter, AuditRepository } from '../audit';
import { chainAuditEvent } from '../audit-chain';
import { toDate } from './columns';

interface AuditRow {
  seq: number;
  at: number;
  actor_id: string | null;
  ip: string;
  user_agent: string;
  action: string;
  target_id: string | null;
  outcome: string;
  channel: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * Only a hand-edited row can hold text that is not JSON: it is kept as text, so the event is still
 * listed and its hash no longer matches — the chain check names it instead of the page failing.
 */
function parseDetails(text: string): AuditDetails {
  try {
    return JSON.parse(text) as AuditDetails;
  } catch {
    return { unreadable: text };
  }
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    at: toDate(row.at),
    actorId: row.actor_id,
    ip: row.ip,
    userAgent: row.user_agent,
    action: row.action,
    targetId: row.target_id,
    outcome: row.outcome,
    channel: row.channel,
    details: parseDetails(row.details),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Written exactly as the index in migrations.ts, so SQLite uses it. A hand-edited row whose details are no
 * longer JSON reads as no ticket instead of failing the whole query (json_extract throws on such text).
 */
const TICKET_REF_EXPRESSION = "(CASE WHEN json_valid(details) THEN json_extract(details, '$.ticketRef') END)";

const FILTER_COLUMNS = { actorId: 'actor_id', targetId: 'target_id', action: 'action' } as const;

function filterClause(filter: AuditFilter): { where: string; params: Record<string, string | number> } {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, string][]) {
    const value = filter[key];
    if (value) {
      conditions.push(`${column} = @${key}`);
      params[key] = value;
    }
  }
  if (filter.actions) {
    const names = filter.actions.map((action, index) => {
      params[`action${index}`] = action;
      return `@action${index}`;
    });
    conditions.push(names.length > 0 ? `action IN (${names.join(', ')})` : '0');
  }
  if (filter.ticketRef) {
    conditions.push(`${TICKET_REF_EXPRESSION} = @ticketRef`);
    params.ticketRef = filter.ticketRef;
  }
  if (filter.from) {
    conditions.push('at >= @from');
    params.from = filter.from.getTime();
  }
  if (filter.to) {
    conditions.push('at <= @to');
    params.to = filter.to.getTime();
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export function createAuditRepository(db: Database): AuditRepository {
  const last = db.prepare<[], { seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare(`
    INSERT INTO audit_events (seq, at, actor_id, ip, user_agent, action, target_id, outcome, channel, details,
      prev_hash, hash)
    VALUES (@seq, @at, @actorId, @ip, @userAgent, @action, @targetId, @outcome, @channel, @details, @prevHash, @hash)`);
  const batchAfter = db.prepare<[number, number], AuditRow>(
    'SELECT * FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?',
  );

  // IMMEDIATE takes the write lock before reading the tail, so another process cannot append in between.
  const append = db.transaction((input: AuditEventInput): AuditEvent => {
    const event = chainAuditEvent(input, last.get() ?? null);
    insert.run({ ...event, at: event.at.getTime(), details: JSON.stringify(event.details) });
    return event;
  });

  return {
    async append(input) {
      return append.immediate(input);
    },
    async list(filter, page, pageSize) {
      const { where, params } = filterClause(filter);
      const { total } = db.prepare(`SELECT COUNT(*) AS total FROM audit_events ${where}`).get(params) as {
        total: number;
      };
      const rows = db
        .prepare<Record<string, string | number>, AuditRow>(
          `SELECT * FROM audit_events ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows.map(toEvent), total };
    },
    async *iterate(batchSize = 500) {
      let lastSeq = 0;
      for (;;) {
        const rows = batchAfter.all(lastSeq, batchSize);
        for (const row of rows) yield toEvent(row);
        if (rows.length < batchSize) return;
        lastSeq = rows[rows.length - 1]!.seq;
      }
    },
  };
}
