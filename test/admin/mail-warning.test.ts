import { describeMailWarning } from '../../src/admin/mail-warning';
import { localized } from '../support/i18n';
import { FormClient } from '../support/form-client';
import { smtpDelivery } from '../support/reset-flow';
import { deliverToRestartedSink, SmtpSink } from '../support/smtp-sink';
import { seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';
import { signInAs } from './users-support';

const warningOf = (html: string) =>
  /data-testid="mail-warning">\s*<p>([^<]*)<\/p>/.exec(html)?.[1]?.replace(/\s+/g, ' ') ?? null;

describe('mail failure warning on the staff pages', () => {
  let testApp: TestApp;
  let now: number;

  beforeEach(() => {
    now = Date.parse('2030-01-01T08:00:00Z');
    testApp = buildTestApp({ clock: () => new Date(now) });
  });
  afterEach(async () => {
    await testApp.close();
  });

  test('when a reset mail cannot reach the mail server, then staff see the warning on home and users until it is sent', async () => {
    const ada = await seedUser(testApp);
    const { client: helpdesk } = await signInAs(testApp, 'helpdesk');
    const { client: member } = await signInAs(testApp, 'member');
    const visitor = new FormClient(testApp.app);
    expect((await visitor.submit('/forgot', { username: ada.username })).status).toBe(200);
    const sink = await new SmtpSink().start();
    await sink.stop();
    const deliver = smtpDelivery(testApp, sink);
    await deliver();

    const home = await helpdesk.get('/');
    const users = await helpdesk.get('/admin/users');
    expect(warningOf(home.text)).toBe(
      'Mail delivery is failing: 1 message is waiting for a retry, the oldest since Jan 1, 2030, 8:00 AM UTC. ' +
        'Nothing is lost yet: each is retried at least every 10 minutes until it is no longer useful ' +
        '(a reset link until it expires). Check the mail server (SMTP_URL) or the SMS gateway.',
    );
    expect(warningOf(users.text)).toBe(warningOf(home.text));
    expect(warningOf((await member.get('/')).text)).toBeNull();
    expect(warningOf((await visitor.get('/')).text)).toBeNull();

    now += 10_000;
    expect(await deliverToRestartedSink(sink.port, deliver)).toHaveLength(1);
    expect(warningOf((await helpdesk.get('/')).text)).toBeNull();
    expect(warningOf((await helpdesk.get('/admin/users')).text)).toBeNull();
  });

  test('when several messages wait, then the warning counts them; when none fails, there is none', () => {
    const since = new Date('2030-01-01T06:30:00Z');

    expect(describeMailWarning({ queued: 5, retrying: 3, oldestRetryingSince: since }, localized())).toMatch(
      /^Mail delivery is failing: 3 messages are waiting for a retry, the oldest since Jan 1, 2030, 6:30 AM UTC\./,
    );
    expect(
      describeMailWarning({ queued: 5, retrying: 0, oldestRetryingSince: null }, localized()),
    ).toBeNull();
  });

  test('when a Japanese viewer in Tokyo reads the warning, then it counts in Japanese and shows their time', () => {
    const since = new Date('2030-01-01T06:30:00Z');

    expect(
      describeMailWarning(
        { queued: 5, retrying: 3, oldestRetryingSince: since },
        localized('ja', 'Asia/Tokyo'),
      ),
    ).toMatch(
      /^メールの配信に失敗しています。3 件のメッセージが再試行を待っており、最も古いものは 2030\/01\/01 15:30 JST からです。/,
    );
  });
});
