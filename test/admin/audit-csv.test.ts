import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AUDIT_CSV_COLUMNS } from '../../src/audit/audit-csv';
import { appendAuditEvent } from '../support/audit';
import { spyOnRawOutput } from '../support/raw-output';
import { buildTestApp, type TestApp } from '../web/harness';
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
      'ticket_ref',
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
      '',
      '{"index":619}',
      newest.hash,
    ]);
  });

  test('when values hold commas, quotes, line breaks or formula starts, then they are quoted and made inert', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    const details = { note: 'a,"b"\r\nc', link: '=HYPERLINK("http://evil.example")', ticketRef: '=SUM(A1)' };
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
    expect(formulaRecord![8]).toBe("'=SUM(A1)");
    expect(JSON.parse(formulaRecord![9]!)).toEqual(details);
    expect(crRecord![6]).toBe("'\rcr");
    expect(response.text).toContain('"{""note"":""a,\\""b\\""\\r\\nc""');
  });

  test('when an admin reads Arabic in Tokyo, then the export is still for machines: English columns and codes, ISO 8601 UTC', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    await testApp.store.users.updateProfile(grace.id, { locale: 'ar', timeZone: 'Asia/Tokyo' }, NOW);
    const event = await appendAuditEvent(testApp.store, {
      at: new Date('2024-05-31T20:15:00Z'),
      actorId: grace.id,
      action: 'sms.queued',
      channel: 'sms',
    });

    const page = await client.get('/admin/audit');
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    const response = await client.get('/admin/audit.csv?action=sms.queued').set('Accept-Language', 'ar');
    const [header, record] = parseCsv(response.text);
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(record!.slice(0, 8)).toEqual([
      String(event.seq),
      '2024-05-31T20:15:00.000Z',
      grace.id,
      '203.0.113.7',
      'sms.queued',
      '',
      'ok',
      'sms',
    ]);
    expect(response.text).not.toMatch(/[\u0600-\u06FF]/);
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

/** Starts a download and hangs up as soon as the headers arrive, as a cancelled save would. */
function abortAfterHeaders(server: Server, path: string, cookie: string): Promise<void> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const download = httpRequest(
      { host: '127.0.0.1', port, path, headers: { Cookie: cookie } },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`status ${response.statusCode}`));
        download.destroy();
        resolve();
      },
    );
    download.on('error', (error) => (download.destroyed ? undefined : reject(error)));
    download.end();
  });
}

describe('audit CSV export cut off by the client', () => {
  let testApp: TestApp;
  let server: Server;
  beforeEach(async () => {
    // Outside NODE_ENV=test, an error that reaches Express's final handler is printed raw to the console.
    testApp = buildTestApp({ env: { NODE_ENV: 'development' } });
    server = testApp.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await testApp.close();
  });

  test('when the download is abandoned midway, then one JSON line at info says so and nothing is printed raw', async () => {
    const { client } = await signInAs(testApp, 'admin');
    const cookie = (await client.get('/admin/audit')).request.cookies;
    // About 10 MB of CSV, over several store batches: far more than the sockets buffer, so it is cut midway.
    for (let i = 0; i < 2500; i++) {
      await appendAuditEvent(testApp.store, {
        action: 'mail.sent',
        details: { index: i, note: 'x'.repeat(4000) },
      });
    }

    const raw = spyOnRawOutput();
    try {
      await abortAfterHeaders(server, '/admin/audit.csv?action=mail.sent', cookie);
      const access = await testApp.logs.waitFor(
        (entry) => (entry.req as { url?: string } | undefined)?.url === '/admin/audit.csv',
      );
      await testApp.logs.waitFor((entry) => entry.requestId === access.requestId && entry.msg !== access.msg);
      // A round trip to the server: whatever the aborted request deferred (Express prints on a later tick) has run.
      await request(server).get('/healthz').expect(200);
      const lines = testApp.logs.entries().filter((entry) => entry.requestId === access.requestId);
      expect(lines.map((entry) => [entry.level, entry.msg, entry.url]).sort()).toEqual([
        [30, 'GET 200', undefined],
        [30, 'client closed the connection before the download ended', '/admin/audit.csv'],
      ]);
      expect(raw.written()).toEqual([]);
    } finally {
      raw.restore();
    }
  });
});
