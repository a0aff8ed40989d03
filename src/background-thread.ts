import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createServerStrengthEstimator } from './auth/server-strength';
import type {
  BackgroundThreadData,
  FromBackgroundThread,
  StrengthRequest,
  ToBackgroundThread,
} from './background-messages';
import { systemClock } from './clock';
import { loadConfig } from './config';
import { workOnThisThread } from './background-work';
import { createServices } from './services';
import { openStore } from './store';
import { createLogger, type Logger } from './web/logger';

/** Background work yields the cores to requests (and argon2) when they are busy; it never starves. */
const BACKGROUND_NICE = 10;

/**
 * Linux keeps a nice value per thread: this one's id is the last part of /proc/thread-self
 * (`<pid>/task/<tid>`). Elsewhere the thread keeps the process's priority, which is only slower.
 */
function yieldCoresToRequests(logger: Logger): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(threadId, BACKGROUND_NICE);
  } catch (err) {
    logger.warn({ err }, 'the background thread runs at the web thread’s priority');
  }
}

/**
 * The background thread's program: the /forgot intent worker, the outbox worker and the password
 * strength estimate, on a store connection of their own, off the event loop that answers requests.
 * It reads the same environment as the web thread, so it builds the same services; its audit events
 * are counted by the web thread, whose registry /metrics serves. It checkpoints the SQLite WAL
 * between its rounds.
 */
async function runBackgroundThread(port: MessagePort, { writeTurns }: BackgroundThreadData): Promise<void> {
  const config = loadConfig();
  const { mongodbUri, sqlitePath, mongodbTimeoutMs } = config;
  const walCheckpoints = 'this-thread';
  const store = await openStore({ mongodbUri, sqlitePath, mongodbTimeoutMs, walCheckpoints, writeTurns });
  const logger = createLogger(config).child({ thread: 'background' });
  yieldCoresToRequests(logger);
  const tell = (message: FromBackgroundThread) => port.postMessage(message);
  const services = createServices({
    config,
    store,
    clock: systemClock,
    setupToken: null,
    countAudit: (entry) => tell({ type: 'audited', entry }),
  });
  const work = workOnThisThread({ config, store, services, logger });
  // zxcvbn and its dictionaries (read the first time a check needs them) live here, not in a thread of their own.
  const estimate = createServerStrengthEstimator();

  function score({ id, password, userWords, languages }: StrengthRequest): void {
    try {
      tell({ type: 'estimated', id, score: estimate(password, userWords, languages) });
    } catch (err) {
      tell({ type: 'estimate-failed', id, reason: err instanceof Error ? err.message : String(err) });
    }
  }

  async function stop(): Promise<void> {
    await work.stop();
    await services.close();
    await store.close();
    port.close();
  }

  work.start();
  logger.info('background thread started: reset intents, the outbox and password strength');
  port.on('message', (message: ToBackgroundThread) => {
    if (message === 'intent-added') services.signals.intentAdded.ring();
    else if (message === 'mail-queued') services.signals.mailQueued.ring();
    else if (message === 'report-memory') {
      const { used_heap_size: heapUsed, total_heap_size: heapTotal } = getHeapStatistics();
      logger.info({ memory: { heapUsed, heapTotal } }, 'background thread memory usage');
    } else if (message === 'stop') void stop();
    else score(message);
  });
}

if (parentPort) {
  void runBackgroundThread(parentPort, workerData as BackgroundThreadData).catch((err: unknown) => {
    // Rethrown outside the promise so the thread ends with it: the web thread logs it and restarts one.
    setImmediate(() => {
      throw err;
    });
  });
}
