/** How long and how much each phase runs: the full run for numbers, the smoke run only proves every figure is produced. */
export interface BenchProfile {
  mode: 'full' | 'smoke';
  /** Window of the argon2 ceiling, sign-in and reset phases. */
  hashPhaseMs: number;
  ceilingMs: number;
  renderSeconds: number;
  forgotSeconds: number;
  /** Load connections for /forgot throughput and page renders. */
  connections: number;
  /** In-flight requests for the argon2-bound phases (twice the default thread pool). */
  hashConcurrency: number;
  gapSamplesPerClass: number;
  gapBudgetMs: number;
  bootstrapResamples: number;
  members: number;
  resetters: number;
  outboxMails: number;
  outboxBudgetMs: number;
  /** Lookups timed on generated range files (each file about 33 KB, as in the real corpus). */
  corpusLookups: number;
  /** Known names asked one at a time on an idle server, timed to their mail. */
  latencySamples: number;
  /** Known names posted at full speed, timed until all their mail is accepted. */
  e2eMails: number;
  /** Unknown names posted before counting the rows they leave. */
  unknownPosts: number;
  /** The watchdog: the whole run is abandoned (server killed) past this. */
  totalBudgetMs: number;
}

export const FULL: BenchProfile = {
  mode: 'full',
  hashPhaseMs: 10_000,
  ceilingMs: 5_000,
  renderSeconds: 5,
  forgotSeconds: 10,
  connections: 10,
  hashConcurrency: 8,
  gapSamplesPerClass: 2_000,
  gapBudgetMs: 120_000,
  bootstrapResamples: 2_000,
  members: 2_000,
  resetters: 1_000,
  outboxMails: 2_000,
  outboxBudgetMs: 180_000,
  corpusLookups: 1_000,
  latencySamples: 100,
  e2eMails: 5_000,
  unknownPosts: 10_000,
  totalBudgetMs: 15 * 60_000,
};

export const SMOKE: BenchProfile = {
  mode: 'smoke',
  hashPhaseMs: 1_000,
  ceilingMs: 1_000,
  renderSeconds: 1,
  forgotSeconds: 1,
  connections: 4,
  hashConcurrency: 8,
  gapSamplesPerClass: 100,
  gapBudgetMs: 10_000,
  bootstrapResamples: 200,
  members: 100,
  resetters: 60,
  outboxMails: 50,
  outboxBudgetMs: 20_000,
  corpusLookups: 50,
  latencySamples: 5,
  e2eMails: 100,
  unknownPosts: 200,
  totalBudgetMs: 90_000,
};
