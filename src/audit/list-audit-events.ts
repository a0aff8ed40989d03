import type { AuditEvent, AuditFilter, AuditRepository } from '../store';

const BATCH_SIZE = 500;

/**
 * Every event matching `filter`, newest first, one page of the port's list() at a time. Events appended
 * meanwhile shift later pages by offset; skipping anything not older than the last event yielded drops
 * those repeats, so the export is the log as it stood when the first page was read.
 */
export async function* listAllAuditEvents(
  audit: AuditRepository,
  filter: AuditFilter,
): AsyncGenerator<AuditEvent> {
  let lastSeq = Number.POSITIVE_INFINITY;
  for (let page = 1; ; page++) {
    const { items, total } = await audit.list(filter, page, BATCH_SIZE);
    for (const event of items) {
      if (event.seq >= lastSeq) continue;
      lastSeq = event.seq;
      yield event;
    }
    if (items.length < BATCH_SIZE || page * BATCH_SIZE >= total) return;
  }
}
