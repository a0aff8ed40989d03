/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'], '^.+\\.m?js$': ['@swc/jest'] },
  // The ICU message formatter (under i18next-icu) ships as ES modules only; the server requires it natively.
  transformIgnorePatterns: ['/node_modules/(?!(intl-messageformat|@formatjs)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 30000,
  // Jest's default on a 2-core machine is one worker; the suites wait on sockets, SMTP and Chromium as
  // much as on argon2, so two workers finish the suite in about 60% of the time (146 s against 237 s).
  maxWorkers: 2,
};
