import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, configFrom } from '../../src/config';

const SECRETS = {
  SESSION_SECRET: 's'.repeat(32),
  TOKEN_PEPPER: 'p'.repeat(32),
  OUTBOX_KEY: 'k'.repeat(32),
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'resetdesk-config-'));
}

describe('configuration', () => {
  test('when nothing is set in development, then defaults apply and secrets are generated once, mode 0600', () => {
    const dataDir = tempDir();
    const first = configFrom({ DATA_DIR: dataDir });
    expect(first).toMatchObject({
      env: 'development',
      production: false,
      port: 3000,
      appUrl: 'http://localhost:3000',
      sqlitePath: join(dataDir, 'resetdesk.db'),
      mongodbUri: null,
      trustProxy: false,
    });
    expect(first.sessionSecret).toHaveLength(43);
    expect(first.tokenPepper).not.toBe(first.sessionSecret);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = configFrom({ DATA_DIR: dataDir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.outboxKey).toBe(first.outboxKey);
    expect(Object.isFrozen(second)).toBe(true);
  });

  test('when a secret is given in development, then it is used and not overwritten in the file', () => {
    const dataDir = tempDir();
    const config = configFrom({ DATA_DIR: dataDir, SESSION_SECRET: SECRETS.SESSION_SECRET });
    expect(config.sessionSecret).toBe(SECRETS.SESSION_SECRET);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(SECRETS.SESSION_SECRET);
  });

  test('when PORT is not a number, then loading fails naming PORT', () => {
    expect(() => configFrom({ DATA_DIR: tempDir(), PORT: 'abc' })).toThrow(ConfigError);
    expect(() => configFrom({ DATA_DIR: tempDir(), PORT: 'abc' })).toThrow(/PORT/);
    expect(() => configFrom({ DATA_DIR: tempDir(), PORT: '70000' })).toThrow(/PORT/);
  });

  test('when production lacks secrets, then loading fails naming each missing one', () => {
    const attempt = () =>
      configFrom({ NODE_ENV: 'production', DATA_DIR: tempDir(), TOKEN_PEPPER: SECRETS.TOKEN_PEPPER });
    expect(attempt).toThrow(/SESSION_SECRET, OUTBOX_KEY, SMTP_URL, APP_URL must be set in production/);
  });

  test('when production has every secret, then nothing is written to disk', () => {
    const dataDir = tempDir();
    const config = configFrom({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      SMTP_URL: 'smtp://127.0.0.1:2525',
      APP_URL: 'https://desk.example.org',
      ...SECRETS,
    });
    expect(config).toMatchObject({ production: true, sessionSecret: SECRETS.SESSION_SECRET });
    expect(() => statSync(join(dataDir, 'secrets.json'))).toThrow();
  });

  test.each([
    [
      {
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        APP_URL: 'https://desk.example.org',
        ...SECRETS,
      },
      false,
    ],
    [
      {
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        SMS_GATEWAY_URL: 'http://127.0.0.1:9',
        APP_URL: 'https://desk.example.org',
        ...SECRETS,
      },
      true,
    ],
    [{ SMTP_URL: 'smtp://127.0.0.1:2525' }, false],
    [{}, true],
  ])('when the settings are %j, then SMS can deliver: %j', (env, deliverable) => {
    expect(configFrom({ DATA_DIR: tempDir(), ...env }).sms.deliverable).toBe(deliverable);
  });

  test.each([
    [
      { PASSWORD_MIN_LENGTH: '20' },
      'PASSWORD_MIN_LENGTH (20) must not exceed GENERATED_PASSWORD_LENGTH (16)',
    ],
    [{ PASSWORD_MIN_LENGTH: '100' }, 'PASSWORD_MIN_LENGTH (100) must not exceed PASSWORD_MAX_LENGTH (64)'],
    [
      { GENERATED_PASSWORD_LENGTH: '100' },
      'GENERATED_PASSWORD_LENGTH (100) must not exceed PASSWORD_MAX_LENGTH (64)',
    ],
  ])('when the settings %j contradict each other, then loading fails naming both', (env, message) => {
    const extra = { PASSWORD_MAX_LENGTH: '64' };
    expect(() => configFrom({ DATA_DIR: tempDir(), ...extra, ...env })).toThrow(message);
  });

  test('when the crash-test pause is asked for, then tests get it, it is off by default and production refuses it', () => {
    const production = {
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      APP_URL: 'https://desk.example.org',
      ...SECRETS,
    };
    expect(configFrom({ ...production, DATA_DIR: tempDir() }).testHooks.pauseBeforePasswordWriteMs).toBe(0);
    const hook = { TEST_PAUSE_BEFORE_PASSWORD_WRITE_MS: '60000' };
    expect(
      configFrom({ NODE_ENV: 'test', DATA_DIR: tempDir(), ...hook }).testHooks.pauseBeforePasswordWriteMs,
    ).toBe(60_000);
    expect(() => configFrom({ ...production, DATA_DIR: tempDir(), ...hook })).toThrow(
      /TEST_PAUSE_BEFORE_PASSWORD_WRITE_MS is a test hook and is refused in production/,
    );
  });

  test('when values are malformed, then each message names its variable', () => {
    const dataDir = tempDir();
    expect(() => configFrom({ DATA_DIR: dataDir, APP_URL: 'ftp://x' })).toThrow(/APP_URL/);
    expect(() => configFrom({ DATA_DIR: dataDir, MONGODB_URI: 'postgres://x' })).toThrow(/MONGODB_URI/);
    expect(() => configFrom({ DATA_DIR: dataDir, SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(() => configFrom({ DATA_DIR: dataDir, NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  test('when APP_URL is unset, then it follows PORT on localhost', () => {
    expect(configFrom({ DATA_DIR: tempDir(), PORT: '3999' }).appUrl).toBe('http://localhost:3999');
  });

  test('when APP_URL has a trailing slash or TRUST_PROXY a hop count, then both are normalized', () => {
    const config = configFrom({
      DATA_DIR: tempDir(),
      APP_URL: 'https://reset.example.org/',
      TRUST_PROXY: '1',
    });
    expect(config.appUrl).toBe('https://reset.example.org');
    expect(config.trustProxy).toBe(1);
  });

  test('when the admin settings are given, then they are parsed; a wrong user type or a short length is named', () => {
    const config = configFrom({
      DATA_DIR: tempDir(),
      NATIONAL_ID_PASSWORD_TYPES: 'parent, device',
      TEMP_PASSWORD_TTL_HOURS: '24',
      ADMIN_KNOWS_PASSWORD: 'off',
    });
    expect(config.admin).toMatchObject({
      nationalIdPasswordTypes: ['parent', 'device'],
      tempPasswordTtlMs: 24 * 3600_000,
      inviteTtlMs: 72 * 3600_000,
      generatedPasswordLength: 16,
      knowsPassword: false,
    });
    expect(
      configFrom({ DATA_DIR: tempDir(), NATIONAL_ID_PASSWORD_TYPES: 'none' }).admin.nationalIdPasswordTypes,
    ).toEqual([]);
    expect(() => configFrom({ DATA_DIR: tempDir(), NATIONAL_ID_PASSWORD_TYPES: 'parents' })).toThrow(
      /NATIONAL_ID_PASSWORD_TYPES/,
    );
    expect(() => configFrom({ DATA_DIR: tempDir(), GENERATED_PASSWORD_LENGTH: '12' })).toThrow(
      /GENERATED_PASSWORD_LENGTH/,
    );
  });

  test('when the outbox settings are given, then the retry period is in ms; a zero age or a base past the 10-minute cap is named', () => {
    expect(configFrom({ DATA_DIR: tempDir() }).outbox).toEqual({
      pollMs: 1000,
      retryBaseMs: 5000,
      maxAgeMs: 72 * 3600_000,
    });
    expect(configFrom({ DATA_DIR: tempDir(), OUTBOX_MAX_AGE_HOURS: '6' }).outbox.maxAgeMs).toBe(6 * 3600_000);
    expect(() => configFrom({ DATA_DIR: tempDir(), OUTBOX_MAX_AGE_HOURS: '0' })).toThrow(
      /OUTBOX_MAX_AGE_HOURS/,
    );
    expect(() => configFrom({ DATA_DIR: tempDir(), OUTBOX_RETRY_BASE_MS: '600001' })).toThrow(
      /OUTBOX_RETRY_BASE_MS/,
    );
  });

  test('when the breached-password settings are given, then the corpus and ORG_NAME are read; both sources at once are refused', () => {
    const base = { ...SECRETS, DATA_DIR: tempDir() };
    expect(configFrom(base)).toMatchObject({
      orgName: null,
      breachedPasswords: { source: null, minCount: 1 },
    });
    expect(
      configFrom({
        ...base,
        BREACHED_PASSWORDS_DIR: 'pwned',
        BREACHED_PASSWORDS_MIN_COUNT: '10',
        ORG_NAME: ' Acme ',
      }),
    ).toMatchObject({
      orgName: 'Acme',
      breachedPasswords: { source: { kind: 'dir', dir: join(process.cwd(), 'pwned') }, minCount: 10 },
    });
    expect(
      configFrom({ ...base, BREACHED_PASSWORDS_URL: 'http://127.0.0.1:8080' }).breachedPasswords.source,
    ).toEqual({ kind: 'url', url: 'http://127.0.0.1:8080' });
    expect(() =>
      configFrom({
        ...base,
        BREACHED_PASSWORDS_DIR: 'pwned',
        BREACHED_PASSWORDS_URL: 'http://127.0.0.1:8080',
      }),
    ).toThrow(/BREACHED_PASSWORDS_DIR or BREACHED_PASSWORDS_URL, not both/);
    expect(() => configFrom({ ...base, BREACHED_PASSWORDS_MIN_COUNT: '0' })).toThrow(
      /BREACHED_PASSWORDS_MIN_COUNT/,
    );
    expect(() => configFrom({ ...base, BREACHED_PASSWORDS_URL: 'ftp://x' })).toThrow(
      /BREACHED_PASSWORDS_URL/,
    );
  });

  test('when the ticket settings are unset, then a ticket is optional and any one-line reference is accepted', () => {
    expect(configFrom({ DATA_DIR: tempDir() }).ticketRef).toEqual({
      mode: 'optional',
      pattern: null,
      patternSource: null,
      example: null,
    });
  });

  test('when TICKET_REF and a pattern are given, then the pattern is compiled anchored with an example derived from it', () => {
    const { ticketRef } = configFrom({
      DATA_DIR: tempDir(),
      TICKET_REF: 'required',
      TICKET_REF_PATTERN: ' (INC|RITM)[0-9]{7} ',
    });
    expect(ticketRef).toMatchObject({
      mode: 'required',
      patternSource: '(INC|RITM)[0-9]{7}',
      example: 'INC0012345',
    });
    expect(ticketRef.pattern!.test('RITM0000001')).toBe(true);
    expect(ticketRef.pattern!.test('xINC0000001')).toBe(false);
    expect(ticketRef.pattern!.test('INC00000012')).toBe(false);
    expect(configFrom({ DATA_DIR: tempDir(), TICKET_REF: 'off' }).ticketRef.mode).toBe('off');
  });

  test('when TICKET_REF_PATTERN does not compile or TICKET_REF is unknown, then start-up fails naming the variable', () => {
    expect(() => configFrom({ DATA_DIR: tempDir(), TICKET_REF_PATTERN: '^(INC[0-9]{7}$' })).toThrow(
      /TICKET_REF_PATTERN: must be a valid regular expression/,
    );
    expect(() => configFrom({ DATA_DIR: tempDir(), TICKET_REF_PATTERN: '[z-a]' })).toThrow(
      /TICKET_REF_PATTERN/,
    );
    expect(() => configFrom({ DATA_DIR: tempDir(), TICKET_REF: 'mandatory' })).toThrow(/TICKET_REF:/);
  });
});
