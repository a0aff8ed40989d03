import request from 'supertest';
import { createDevMailboxRouter } from '../../src/mail/dev-mailbox-routes';
import { createDevMailbox, type DevMailbox } from '../../src/mail/dev-mailbox';
import { localized } from '../support/i18n';
import { buildTestApp, type TestApp } from '../web/harness';

const TOKEN = 'Zq9xv1mP4sLr8eWc2yHn6bJd0fGa5kTuQw3eR7tY';
const MESSAGE_ID = { messageId: '<item-1@localhost>' };

describe('dev mailbox', () => {
  let mailbox: DevMailbox;
  let testApp: TestApp;

  beforeEach(async () => {
    let now = new Date('2030-01-01T10:00:00Z');
    mailbox = createDevMailbox({
      clock: () => {
        now = new Date(now.getTime() + 60_000);
        return now;
      },
    });
    await mailbox.send(
      {
        channel: 'email',
        to: 'ann@example.com',
        subject: 'Reset your <ResetDesk> password',
        text: `Open http://localhost:3000/reset?token=${TOKEN}\n\n123456\n`,
        html: '<p>Hello <b>Ann</b></p><script>alert(1)</script>',
        userId: 'u1',
        kind: 'reset_link',
      },
      MESSAGE_ID,
    );
    await mailbox.send(
      {
        channel: 'sms',
        to: '+15551234567',
        body: 'Temporary password: x\nSecond line',
        userId: 'u2',
        kind: 'temp_password',
      },
      MESSAGE_ID,
    );
    testApp = buildTestApp({ extraRouters: [createDevMailboxRouter({ mailbox })] });
  });

  afterEach(async () => {
    await testApp.close();
  });

  it('when the mailbox is opened, then it lists mail and SMS newest first with links to each', async () => {
    const [sms, email] = mailbox.list();

    const res = await request(testApp.app).get('/dev/mailbox');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<h1 id="mailbox-heading">Dev mailbox</h1>');
    expect(res.text).toContain('<footer class="site-footer">');
    const text = res.text.replaceAll('<wbr>', '');
    expect(text.indexOf('+15551234567')).toBeLessThan(text.indexOf('ann@example.com'));
    expect(res.text).toContain(
      `<a href="/dev/mailbox/${email!.id}"><bdi>Reset your &lt;ResetDesk&gt; password</bdi></a>`,
    );
    expect(res.text).toContain(`<a href="/dev/mailbox/${sms!.id}"><bdi>Temporary password: x</bdi></a>`);
    expect(res.text).toContain(
      `<time datetime="2030-01-01T10:01:00.000Z">${localized('en').formatDateTime(email!.sentAt)}</time>`,
    );
  });

  it('when an Arabic reader opens the mailbox, then it is in Arabic with the addresses left to right', async () => {
    const res = await request(testApp.app).get('/dev/mailbox').set('Accept-Language', 'ar');

    expect(res.status).toBe(200);
    expect(res.text).toContain(`<h1 id="mailbox-heading">${localized('ar').t('dev:mailbox.title')}</h1>`);
    expect(res.text).toContain('<bdi dir="ltr">+15551234567</bdi>');
    expect(res.text).toContain(localized('ar').t('dev:channel.sms'));
    expect(res.text).not.toContain('Nothing has been sent yet');
  });

  it('when an email is opened, then its headers, its text part and a link to its HTML part are shown', async () => {
    const email = mailbox.list()[1]!;

    const res = await request(testApp.app).get(`/dev/mailbox/${email.id}`);

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<dd dir="ltr">ann@example.com</dd>');
    expect(res.text).toContain('<dd><bdi>Reset your &lt;ResetDesk&gt; password</bdi></dd>');
    expect(res.text).toMatch(
      /<pre tabindex="0" aria-label="Text part of the message">Open http:\/\/localhost:3000\/reset\?token=[\w-]+\n\n123456\n<\/pre>/,
    );
    expect(res.text).toContain(`<a href="http://localhost:3000/reset?token=${TOKEN}">`);
    expect(res.text).toContain(`href="/dev/mailbox/${email.id}/html"`);
    expect(res.text).not.toContain('<b>Ann</b>');
  });

  it('when an SMS is opened, then its body is shown and there is no HTML part', async () => {
    const sms = mailbox.list()[0]!;

    const page = await request(testApp.app).get(`/dev/mailbox/${sms.id}`);
    const html = await request(testApp.app).get(`/dev/mailbox/${sms.id}/html`);

    expect(page.status).toBe(200);
    expect(page.text).toContain(
      '<pre tabindex="0" aria-label="Text part of the message">Temporary password: x\nSecond line</pre>',
    );
    expect(page.text).not.toContain('/html"');
    expect(html.status).toBe(404);
  });

  it('when the HTML part is opened, then it is served as is under a sandboxing CSP', async () => {
    const email = mailbox.list()[1]!;

    const res = await request(testApp.app).get(`/dev/mailbox/${email.id}/html`);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toBe('<p>Hello <b>Ann</b></p><script>alert(1)</script>');
  });

  it('when an unknown id is asked for, then the answer is a 404 page', async () => {
    for (const path of ['/dev/mailbox/nope', '/dev/mailbox/nope/html']) {
      const res = await request(testApp.app).get(path);

      expect(res.status).toBe(404);
      expect(res.text).toContain('There is no message with that id in the dev mailbox.');
    }
  });

  it('when more than the capacity is sent, then only the newest are kept', async () => {
    const small = createDevMailbox({ capacity: 3 });
    for (let index = 1; index <= 5; index++) {
      await small.send(
        { channel: 'sms', to: '+15551234567', body: `#${index}`, userId: null, kind: 'test' },
        MESSAGE_ID,
      );
    }

    expect(small.list().map((entry) => (entry.message.channel === 'sms' ? entry.message.body : ''))).toEqual([
      '#5',
      '#4',
      '#3',
    ]);
    expect(small.get(small.list()[2]!.id)?.message).toMatchObject({ body: '#3' });
    expect(small.get('missing')).toBeNull();
  });
});
