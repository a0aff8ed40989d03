import { listAllAuditEvents } from '../../src/audit/list-audit-events';
import type { Store } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { appendAuditEvent } from '../support/audit';

describe('listing every matching audit event', () => {
  let store: Store;
  beforeEach(() => {
    store = openSqliteStore(':memory:');
  });
  afterEach(() => store.close());

  test('when events are appended while listing, then each earlier event comes once, newest first', async () => {
    const seqs: number[] = [];
    for (let i = 0; i < 1100; i++) seqs.push((await appendAuditEvent(store, { action: 'mail.sent' })).seq);
    await appendAuditEvent(store, { action: 'mail.failed' });

    const listed: number[] = [];
    for await (const event of listAllAuditEvents(store.audit, { action: 'mail.sent' })) {
      // Each append shifts the offsets of the pages still to come.
      if (listed.length % 300 === 0) await appendAuditEvent(store, { action: 'mail.sent' });
      listed.push(event.seq);
    }
    expect(listed).toEqual(seqs.reverse());
  });
});
