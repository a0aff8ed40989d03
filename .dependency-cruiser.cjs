/**
 * The rooms of src/ and which way their imports may point (see docs/architecture.md).
 * `npm run lint` runs this; a violation fails CI.
 */
const FEATURES =
  '^src/(auth|reset|admin|home|mail|sms|audit|outbox|secure-account|verification|api|metrics|webhooks)/';
const COMPOSITION = '^src/(services|app|server|delivery-setup|background-work|background-thread)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood or changed apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'features-not-composition',
      severity: 'error',
      comment: 'Features get what they need passed in; only the composition knows every feature.',
      from: { path: FEATURES },
      to: { path: COMPOSITION },
    },
    {
      name: 'store-imports-nothing-above',
      severity: 'error',
      comment: 'The storage port and its adapters know nothing of features, the web or the composition.',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: '^src/store/' },
    },
    {
      name: 'web-is-a-toolkit',
      severity: 'error',
      comment: 'src/web/ holds HTTP helpers the features use; it never imports a feature or the composition.',
      from: { path: '^src/web/' },
      to: { path: [FEATURES, COMPOSITION] },
    },
    {
      name: 'i18n-is-a-toolkit',
      severity: 'error',
      comment: 'src/i18n/ (catalogs, locale choice, Intl formats) serves every feature and imports none.',
      from: { path: '^src/i18n/' },
      to: { path: [FEATURES, COMPOSITION, '^src/web/'] },
    },
    {
      name: 'browser-code-no-node',
      severity: 'error',
      comment: 'Bundled for the browser: no Node built-in may reach it.',
      from: { path: '^src/(client|shared)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-code-only-shared',
      severity: 'error',
      comment: 'Browser code imports only itself and src/shared/ (code written to run in both places).',
      from: { path: '^src/(client|shared)/' },
      to: { path: '^src/', pathNot: '^src/(client|shared)/' },
    },
    {
      name: 'shared-not-client',
      severity: 'error',
      comment: 'The server imports src/shared/; it must not drag browser-only modules along.',
      from: { path: '^src/shared/' },
      to: { path: '^src/client/' },
    },
    {
      name: 'nothing-imports-tests-or-scripts',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules)/' },
  },
};
