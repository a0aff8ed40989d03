import type { Response } from 'supertest';
import { csrfFrom, FormClient } from '../support/form-client';
import { readResetMail, smtpDelivery, type ResetMail } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, seedUser } from '../support/users';
import { createResetSecrets } from '../../src/reset/secrets';
import { buildTestApp, TEST_SECRETS, type TestApp } from '../web/harness';

const INVALID = 'This reset link or code is no longer valid';

describe('self-service reset under abuse', () => {
  let testApp: TestApp;
  let sink: SmtpSink;
  let deliver: () => Promise<number>;
  let now: Date;

  async function build(env: Record<string, string> = {}) {
    now = new Date();
    testApp = buildTestApp({
      clock: () => now,
      env: { FORGOT_RATE_LIMIT: '1000', RESET_RATE_LIMIT: '1000', ...env },
    });
    deliver = smtpDelivery(testApp, sink);
  }

  beforeEach(async () => {
    sink = await new SmtpSink().start();
    await build();
  });
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
  });

  /** Posts /forgot, then lets the worker resolve the intent, as a running server would at once. */
  async function forgot(username: string, client = new FormClient(testApp.app)) {
    const answer = await client.submit('/forgot', { username });
    await testApp.resolveResetIntents();
    return answer;
  }

  async function mailFor(username: string): Promise<ResetMail> {
    await forgot(username);
    await deliver();
    const mails = sink.to(username);
    return readResetMail(mails[mails.length - 1]!);
  }

  async function submitCode(client: FormClient, code: string, password = NEW_PASSWORD) {
    return client.submit('/reset', { code, password, confirmPassword: password });
  }

  function comparable(html: string): string {
    return html.replace(/name="_csrf" value="[^"]+"/g, '');
  }

  test('when unknown, active, suspended, deleted and device accounts ask, then every answer is identical and only eligible ones get mail', async () => {
    await seedUser(testApp, { username: 'active@example.org' });
    await seedUser(testApp, { username: 'suspended@example.org', status: 'suspended' });
    await seedUser(testApp, { username: 'deleted@example.org', status: 'deleted' });
    await seedUser(testApp, { username: 'device@example.org', userType: 'device' });
    const names = [
      'nobody@example.org',
      'active@example.org',
      'suspended@example.org',
      'deleted@example.org',
      'device@example.org',
    ];
    const responses: Response[] = [];
    for (const name of names) responses.push(await forgot(name));
    const cookieNames = (r: Response) =>
      (r.headers['set-cookie'] as unknown as string[] | undefined)?.map((c) => c.split('=')[0]) ?? [];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(comparable(response.text)).toBe(comparable(responses[0]!.text));
      expect(cookieNames(response)).toEqual(cookieNames(responses[0]!));
      expect(response.headers.location).toBeUndefined();
    }
    expect(responses[0]!.text).toContain('If an account exists for that address, we’ve sent it an email');
    await deliver();
    expect(sink.messages.map((m) => (m.to as { text: string }).text).sort()).toEqual([
      'active@example.org',
      'device@example.org',
    ]);
    const events = (await testApp.store.audit.list({ action: 'reset.requested' }, 1, 10)).items;
    expect(events.map((e) => e.outcome).sort()).toEqual([
      'ineligible',
      'ineligible',
      'sent',
      'sent',
      'unknown',
    ]);
    // Every outcome names a target (an unknown name its stand-in id); only a sent one has an outbox id.
    for (const event of events) {
      expect(event.targetId).toEqual(expect.any(String));
      expect(Boolean(event.details.outboxId)).toBe(event.outcome === 'sent');
    }
  });

  test('when an unknown and a known account each ask twice, then only the known one has requests, the second voiding the first', async () => {
    const ada = await seedUser(testApp);
    for (const name of ['nobody@example.org', 'ada@example.org', 'nobody@example.org', 'ada@example.org']) {
      await forgot(name);
    }
    const requests = await testApp.store.resetRequests.listRecentForUser(ada.id, 10);
    expect(requests.map((request) => request.voidedAt !== null)).toEqual([false, true]);
    const standInId = createResetSecrets(TEST_SECRETS.TOKEN_PEPPER).standInUserId('nobody@example.org');
    expect(await testApp.store.resetRequests.listRecentForUser(standInId, 10)).toEqual([]);
    expect(await deliver()).toBe(2);
    expect(sink.messages).toHaveLength(2);
  });

  test('when input is an array, an operator object, a header injection or a look-alike, then nothing is sent or stored', async () => {
    await seedUser(testApp, { username: 'mike@example.org' });
    const client = new FormClient(testApp.app);
    const token = csrfFrom((await client.get('/forgot')).text);
    const generic = await forgot('nobody@example.org');
    const notPlainText = [
      client.agent
        .post('/forgot')
        .type('form')
        .send(`username[]=mike@example.org&username[]=x@y.z&_csrf=${token}`),
      client.agent
        .post('/forgot')
        .type('form')
        .send(`username=mike@example.org&username=x@y.z&_csrf=${token}`),
      client.agent
        .post('/forgot')
        .set('Accept', 'text/html')
        .send({ username: { $ne: null }, _csrf: token }),
      client.agent
        .post('/forgot')
        .set('Accept', 'text/html')
        .send({ username: ['mike@example.org'], _csrf: token }),
    ];
    // Refused for its shape alone, the same way whoever it names.
    for (const response of await Promise.all(notPlainText)) {
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/is not a field this site uses|must be sent once, as plain text/);
    }
    const plainButWrong = [
      client.agent
        .post('/forgot')
        .type('form')
        .send({ username: 'mike@example.org\r\ncc: evil@example.net', _csrf: token }),
      client.agent.post('/forgot').type('form').send({ username: 'mıke@example.org', _csrf: token }),
    ];
    for (const response of await Promise.all(plainButWrong)) {
      expect(response.status).toBe(200);
      expect(comparable(response.text)).toBe(comparable(generic.text));
    }
    await deliver();
    expect(sink.messages).toHaveLength(0);
    expect(await testApp.store.outbox.claimDue(new Date(now.getTime() + 3_600_000), 10, 1000)).toEqual([]);

    // Express's simple query parser keeps `token[$regex]` as a literal key: no token reaches the session.
    const regex = await client.get('/reset?token[$regex]=.*');
    expect(regex.status).toBe(200);
    expect(regex.text).toContain('name="username"');
    const arrayToken = await client.get('/reset?token=a&token=b');
    expect([arrayToken.status, arrayToken.headers.location]).toEqual([303, '/reset']);
    expect((await client.get('/reset')).text).not.toContain('no longer valid');
  });

  test('when one account asks four times in an hour, then three mails go out and the fourth answer is unchanged', async () => {
    await seedUser(testApp);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(comparable((await forgot('ada@example.org')).text));
    await deliver();
    expect(sink.to('ada@example.org')).toHaveLength(3);
    expect(new Set(answers).size).toBe(1);
    now = new Date(now.getTime() + 61 * 60_000);
    await forgot('ada@example.org');
    await deliver();
    expect(sink.to('ada@example.org')).toHaveLength(4);
  });

  test('when one address floods /forgot, then it gets the 429 page', async () => {
    await testApp.close();
    await build({ FORGOT_RATE_LIMIT: '2' });
    const client = new FormClient(testApp.app);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await forgot('x@example.org', client)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  test('when the code is wrong five times, then attempts count down and the request dies', async () => {
    await seedUser(testApp);
    const mail = await mailFor('ada@example.org');
    const client = new FormClient(testApp.app);
    await client.get(mail.linkPath);
    const wrong = mail.code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) {
      const response = await submitCode(client, wrong);
      expect(response.status).toBe(400);
      expect(response.text).toContain(`You have ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`);
    }
    const fifth = await submitCode(client, wrong);
    expect(fifth.text).toContain('Too many wrong codes.');
    await client.get(mail.linkPath);
    expect((await client.get('/reset')).text).toContain(INVALID);
    expect((await testApp.store.audit.list({ action: 'reset.request_killed' }, 1, 5)).total).toBe(1);
  });

  test('when codes fail across several requests, then the per-account cap still stops guessing', async () => {
    await seedUser(testApp);
    for (let round = 0; round < 2; round++) {
      const mail = await mailFor('ada@example.org');
      const client = new FormClient(testApp.app);
      await client.get(mail.linkPath);
      const wrong = mail.code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) await submitCode(client, wrong);
    }
    const mail = await mailFor('ada@example.org');
    const client = new FormClient(testApp.app);
    await client.get(mail.linkPath);
    expect((await submitCode(client, mail.code)).text).toContain('Too many wrong codes.');
  });

  test('when username + code fails, then superseded, active, pending, device, suspended, deleted and unknown accounts get byte-identical answers', async () => {
    // One typed name and code throughout, the account behind the name changing between tries.
    const name = 'x@example.org';
    const user = await seedUser(testApp, { username: name });
    const superseded = await mailFor(name);
    await forgot(name);
    const typed = {
      username: name,
      code: superseded.code,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    };
    const answers: Response[] = [await new FormClient(testApp.app).submit('/reset', typed)];
    const users = testApp.store.users;
    const states: Array<() => Promise<unknown>> = [
      async () => {}, // active: the typed code is simply wrong for the newest request
      () => users.setStatus(user.id, 'pending', now),
      () => users.updateProfile(user.id, { userType: 'device' }, now),
      () => users.setStatus(user.id, 'suspended', now),
      () => users.setStatus(user.id, 'deleted', now),
      () => users.updateProfile(user.id, { username: 'renamed@example.org' }, now),
    ];
    for (const change of states) {
      now = new Date(now.getTime() + 61 * 60_000);
      await change();
      await forgot(name);
      answers.push(await new FormClient(testApp.app).submit('/reset', typed));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(comparable(answer.text)).toBe(comparable(answers[0]!.text));
    }
    expect(answers[0]!.text).toContain(
      'That code is not correct or has expired. Check the newest email, or ask for a new code.',
    );
    expect(answers[0]!.text).not.toMatch(/attempts? left|no longer valid/);
    const failures = (await testApp.store.audit.list({ action: 'reset.code_failed' }, 1, 10)).items;
    expect(failures.map((event) => event.outcome).reverse()).toEqual([
      'code_incorrect',
      'code_incorrect',
      'code_incorrect',
      'code_incorrect',
      'ineligible',
      'ineligible',
      'unknown',
    ]);
  });

  test('when username + code fails five times, then the request dies, and failures count per account on both paths', async () => {
    await seedUser(testApp);
    const typed = (code: string) => ({
      username: 'ada@example.org',
      code,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    const wrongFor = (mail: ResetMail) => (mail.code === '000000' ? '111111' : '000000');
    const submitTyped = (code: string) => new FormClient(testApp.app).submit('/reset', typed(code));
    const first = await mailFor('ada@example.org');
    for (let i = 0; i < 5; i++) {
      expect((await submitTyped(wrongFor(first))).text).toContain('That code is not correct or has expired.');
    }
    expect((await submitTyped(first.code)).text).toContain('That code is not correct or has expired.');
    expect((await testApp.store.audit.list({ action: 'reset.request_killed' }, 1, 5)).total).toBe(1);

    const second = await mailFor('ada@example.org');
    for (let i = 0; i < 4; i++) await submitTyped(wrongFor(second));
    // Ten failures in the hour (the killed request's right code counted too): the cap holds everywhere.
    const third = await mailFor('ada@example.org');
    expect((await submitTyped(third.code)).status).toBe(400);
    const viaLink = new FormClient(testApp.app);
    await viaLink.get(third.linkPath);
    expect((await submitCode(viaLink, third.code)).text).toContain('Too many wrong codes.');
  });

  test('when a link is unknown, expired, used or superseded, then the answer is the same message and status', async () => {
    await seedUser(testApp);
    await seedUser(testApp, { username: 'grace@example.org' });
    const superseded = await mailFor('grace@example.org');
    await mailFor('grace@example.org');
    const used = await mailFor('ada@example.org');
    const user = new FormClient(testApp.app);
    await user.get(used.linkPath);
    expect((await submitCode(user, used.code)).status).toBe(303);
    await seedUser(testApp, { username: 'linus@example.org' });
    const expired = await mailFor('linus@example.org');
    now = new Date(now.getTime() + 15 * 60_000);

    const answers = [];
    for (const linkPath of [
      `/reset?token=${'A'.repeat(43)}`,
      expired.linkPath,
      used.linkPath,
      superseded.linkPath,
    ]) {
      const client = new FormClient(testApp.app);
      await client.get(linkPath);
      const page = await client.get('/reset');
      // A way forward instead of an empty form.
      const offersNewLink = page.text.includes('href="/forgot">Request a new link</a>');
      answers.push([page.status, page.text.includes(INVALID), offersNewLink, page.text.includes('<form')]);
    }
    expect(answers).toEqual([
      [400, true, true, false],
      [400, true, true, false],
      [400, true, true, false],
      [400, true, true, false],
    ]);
  });

  test('when the new password is weak, then every rule is named, the typed code is kept and the code still works', async () => {
    await seedUser(testApp);
    const mail = await mailFor('ada@example.org');
    const client = new FormClient(testApp.app);
    await client.get(mail.linkPath);
    const weak = await client.submit('/reset', {
      code: mail.code,
      password: 'password',
      confirmPassword: 'passw0rd',
    });
    expect(weak.status).toBe(400);
    for (const message of [
      'Add an upper-case letter.',
      'Too easy to guess',
      'The two passwords do not match.',
    ]) {
      expect(weak.text).toContain(message);
    }
    expect(weak.text).toContain(`value="${mail.code}"`);
    expect(weak.text).not.toContain('value="password"');
    expect((await submitCode(client, mail.code)).status).toBe(303);
  });
});
