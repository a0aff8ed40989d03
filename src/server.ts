// Must stay the first import: it sizes libuv's thread pool before anything uses it.
import './thread-pool-size';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CorpusStatus } from './auth/breach-corpus';
import { prepareSetupToken } from './auth/setup-token';
import { systemClock } from './clock';
import { ConfigError, loadConfig, type Config } from './config';
import { backgroundThreadPossible, createBackgroundThread, workOnThisThread } from './background-work';
import { createServices, type Services } from './services';
import { openStore, type Store } from './store';
import { createApp } from './app';
import { createHttpServer } from './web/http-server';
import { createLogger, type Logger } from './web/logger';

const SHUTDOWN_GRACE_MS = 10_000;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    // The message names every bad variable; a stack trace would only hide it.
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

/**
 * Printed to the terminal, never to the structured log: the operator needs it once, the log keeps no secret.
 */
function announceSetup(config: Config, token: string): void {
  process.stdout.write(
    `\nNo users yet. Create the first administrator at ${config.appUrl}/setup\n` +
      `Setup token: ${token}\n(also in ${config.dataDir}/setup-token)\n\n`,
  );
}

/**
 * The bundled list is read now, so a broken build stops start-up instead of a password change. The
 * optional corpus is probed: when it cannot be read, the server still starts and says so (here and
 * in /readyz), checking new passwords against the bundled list alone until it comes back.
 */
async function prepareBreachScreening(services: Services, logger: Logger): Promise<void> {
  const { size } = services.bundledBreachedList();
  services.breachCorpus.watch((status: CorpusStatus) => {
    if (status.state === 'unavailable') {
      logger.warn(
        { reason: status.reason },
        `Breached-password corpus (BREACHED_PASSWORDS_${status.source.toUpperCase()}) unavailable: checking new passwords against the bundled list only`,
      );
    } else logger.info('Breached-password corpus available again');
  });
  const corpus = await services.breachCorpus.probe();
  logger.info({ bundledEntries: size, corpus: corpus.state }, 'Breached-password screening ready');
}

/** Stop accepting, let in-flight requests finish (at most 10 s), then close the store. */
function shutDownOnSignals(
  server: Server,
  store: Store,
  logger: Logger,
  stopWorkers: () => Promise<void>,
): void {
  let stopping = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    // close() also drops idle keep-alive connections (Node ≥ 19); busy ones get the grace period.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(timer);
    await stopWorkers();
    await store.close().catch((err: unknown) => logger.error({ err }, 'store did not close cleanly'));
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

export async function main(): Promise<void> {
  const config = readConfig();
  const { mongodbUri, sqlitePath, mongodbTimeoutMs } = config;
  const logger = createLogger(config);
  const thread = backgroundThreadPossible(config) ? createBackgroundThread(logger) : null;
  // The background thread, when there is one, checkpoints the SQLite WAL between its rounds.
  const walCheckpoints = thread ? 'elsewhere' : 'own-thread';
  const writeTurns = thread?.writeTurns;
  const store = await openStore({
    mongodbUri,
    sqlitePath,
    mongodbTimeoutMs,
    walCheckpoints,
    writeTurns,
  }).catch((err: unknown) =>
    fail(`Could not open the store: ${err instanceof Error ? err.message : String(err)}`),
  );
  const setupToken = await prepareSetupToken(store, config.dataDir);
  if (setupToken) announceSetup(config, setupToken);
  const clock = systemClock;
  const services = createServices({
    config,
    store,
    clock,
    setupToken,
    estimateStrength: thread?.estimateStrength,
  });
  await prepareBreachScreening(services, logger);
  const background = thread ? thread.serve(services) : workOnThisThread({ config, store, services, logger });
  const app = createApp({ config, store, logger, clock, services, devMailbox: background.devMailbox });
  background.start();
  const server = createHttpServer(app);
  const failToListen = (err: Error) => fail(`Could not listen on port ${config.port}: ${err.message}`);
  server.once('error', failToListen);
  server.listen(config.port, () => {
    server.off('error', failToListen);
    const { port } = server.address() as AddressInfo;
    logger.info({ port, appUrl: config.appUrl }, `ResetDesk listening on port ${port} (${config.appUrl})`);
  });
  // For capacity planning and the bench: where this process's memory is, on demand.
  process.on('SIGUSR2', () => {
    logger.info({ memory: process.memoryUsage() }, 'memory usage');
    background.reportMemory();
  });
  shutDownOnSignals(server, store, logger, async () => {
    await background.stop();
    await services.close();
  });
}

if (require.main === module) {
  main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
}
