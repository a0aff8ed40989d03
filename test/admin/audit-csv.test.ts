import { appendAuditEvent } from '../support/audit';
import { buildAuditTestApp, signInAs, type AuditTestApp } from './audit-app';

const NOW = new Date('2024-06-15T12:00:00Z');

/** RFC 4180 records (CRLF-terminated, quoted fields with doubled quotes), so tests read what a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

describe('audit CSV export', () => {
  let testApp: AuditTestApp;
  beforeEach(() => {
    testApp = buildAuditTestApp({ clock: () => new Date(NOW) });
  });
  afterEach(() => testApp.close());

  test('when exported, then every matching event is a record, newest first, past the first batch', async () => {
    const { client } = await signInAs(testApp, 'admin');
    const appended = [];
    for (let i = 0; i < 620; i++) {
      appended.push(await appendAuditEvent(testApp.store, { action: 'mail.sent', details: { index: i } }));
    }

    const response = await client.get('/admin/audit.csv?action=mail.sent');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="audit-20240615.csv"');
    const [header, ...records] = parseCsv(response.text);
    expect(header).toEqual([
      'seq',
      'at',
      'actorId',
      'ip',
      'action',
      'targetId',
      'outcome',
      'channel',
      'details',
      'hash',
    ]);
    expect(records.map((record) => Number(record[0]))).toEqual(appended.map((event) => event.seq).reverse());
    const newest = appended[appended.length - 1]!;
    expect(records[0]).toEqual([
      String(newest.seq),
      '2024-05-10T12:00:00.000Z',
      '',
      '203.0.113.7',
      'mail.sent',
      '',
      'ok',
      '',
      '{"index":619}',
      newest.hash,
    ]);
  });

  test('when values hold commas, quotes, line breaks or formula starts, then they are quoted and made inert', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    const details = { note: 'a,"b"\r\nc', link: '=HYPERLINK("http://evil.example")' };
    await appendAuditEvent(testApp.store, {
      actorId: '\tx',
      ip: '=1+2',
      action: 'reset.requested',
      targetId: '-2',
      outcome: '+cmd',
      channel: '@SUM(A1)',
      details,
    });
    await appendAuditEvent(testApp.store, { actorId: grace.id, outcome: '\rcr', action: 'reset.requested' });

    const response = await client.get('/admin/audit.csv?action=reset.requested');
    const [, crRecord, formulaRecord] = parseCsv(response.text);
    expect(formulaRecord!.slice(2, 8)).toEqual([
      "'\tx",
      "'=1+2",
      'reset.requested',
      "'-2",
      "'+cmd",
      "'@SUM(A1)",
    ]);
    expect(JSON.parse(formulaRecord![8]!)).toEqual(details);
    expect(crRecord![6]).toBe("'\rcr");
    expect(response.text).toContain('"{""note"":""a,\\""b\\""\\r\\nc""');
  });

  test('when filtered, then only matching events are exported; an unknown user exports just the header', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    const mine = await appendAuditEvent(testApp.store, { actorId: grace.id, action: 'sessions.revoked' });
    await appendAuditEvent(testApp.store, { action: 'sessions.revoked' });

    const filtered = parseCsv(
      (await client.get('/admin/audit.csv?actor=grace%40example.org&action=sessions.revoked')).text,
    );
    expect(filtered.slice(1).map((record) => record[0])).toEqual([String(mine.seq)]);

    const unknown = await client.get('/admin/audit.csv?actor=nobody%40example.org');
    expect(unknown.status).toBe(200);
    expect(parseCsv(unknown.text)).toHaveLength(1);
  });

  test('when the page is filtered, then its export link carries the same filters', async () => {
    const { client } = await signInAs(testApp, 'admin');
    const page = await client.get(
      '/admin/audit?actor=grace%40example.org&from=2024-01-01&to=2024-12-31&page=2',
    );
    expect(page.text).toContain(
      'href="/admin/audit.csv?actor=grace%40example.org&amp;from=2024-01-01&amp;to=2024-12-31" data-testid="csv-link"',
    );
  });
});
