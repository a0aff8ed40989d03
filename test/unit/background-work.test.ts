import { backgroundThreadPossible } from '../../src/background-work';
import { configFrom } from '../../src/config';
import { TEST_SECRETS } from '../web/harness';

const configWith = (env: Record<string, string>) =>
  configFrom({ NODE_ENV: 'test', DATA_DIR: '/tmp/resetdesk-unused', ...TEST_SECRETS, ...env });

describe('where the outbox and intent workers run', () => {
  test('when mail goes to SMTP and the store is a file, then in a background thread', () => {
    expect(backgroundThreadPossible(configWith({ SMTP_URL: 'smtp://127.0.0.1:2525' }))).toBe(true);
  });

  test('when mail goes to SMTP and the store is MongoDB, then in a background thread', () => {
    const config = configWith({ SMTP_URL: 'smtp://127.0.0.1:2525', MONGODB_URI: 'mongodb://127.0.0.1/x' });
    expect(backgroundThreadPossible(config)).toBe(true);
  });

  test('when mail goes to the dev mailbox, then on the web thread, which shows the mailbox', () => {
    expect(backgroundThreadPossible(configWith({}))).toBe(false);
  });

  test('when the store is in memory, then on the web thread, which holds its only connection', () => {
    const config = configWith({ SMTP_URL: 'smtp://127.0.0.1:2525', SQLITE_PATH: ':memory:' });
    expect(backgroundThreadPossible(config)).toBe(false);
  });
});
