import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EstimateStrength } from './auth/password-policy';
import type { BackgroundThreadData, FromBackgroundThread, ToBackgroundThread } from './background-messages';
import type { Config } from './config';
import { createDelivery, createIntentWorker } from './delivery-setup';
import type { DevMailbox } from './mail/dev-mailbox';
import type { Services } from './services';
import { createWriteTurns, releaseTurnOf, type Store, type WriteTurns } from './store';
import type { Logger } from './web/logger';

/** The outbox worker and the /forgot intent worker of one process, wherever they run. */
export interface BackgroundWork {
  /** Where mail goes in development without SMTP; /dev/mailbox shows it. */
  devMailbox: DevMailbox | null;
  start(): void;
  /** Logs the memory the workers' own thread uses, if they have one (SIGUSR2). */
  reportMemory(): void;
  /** Resolves what was claimed, sends what is in flight, then stops. */
  stop(): Promise<void>;
}

export interface BackgroundWorkDeps {
  config: Config;
  store: Store;
  services: Services;
  logger: Logger;
}

/**
 * A thread of its own needs its own store connection (an in-memory database has only one) and must
 * not hold the dev mailbox (the web thread shows it): with SMTP and a shared store, the workers run
 * in a background thread; otherwise on the web thread's event loop.
 */
export function backgroundThreadPossible(config: Config): boolean {
  const sharedStore = Boolean(config.mongodbUri) || config.sqlitePath !== ':memory:';
  return sharedStore && Boolean(config.mail.smtpUrl);
}

/**
 * The workers on this event loop, woken by this thread's doorbells: the background thread's own, or
 * the web thread's in development and on an in-memory store.
 */
export function workOnThisThread({ config, store, services, logger }: BackgroundWorkDeps): BackgroundWork {
  const { devMailbox, worker: outbox } = createDelivery(config, store, services, logger);
  const intents = createIntentWorker(config, store, services, logger);
  return {
    devMailbox,
    start() {
      outbox.start();
      intents.start();
    },
    // The web thread's own report covers them.
    reportMemory() {},
    async stop() {
      // Intents first: resolving one may queue mail for the outbox worker to send before it stops.
      await intents.stop();
      await outbox.stop();
    },
  };
}

const RESTART_DELAY_MS = 1000;
const STOP_GRACE_MS = 10_000;
/**
 * Size classes, not budgets (as for the strength thread before it moved here): a small young
 * generation for zxcvbn's short-lived garbage, and an old-generation ceiling V8 sizes its growth by.
 * The live data does not grow with load: the services, the dictionaries, one round of at most 20
 * intents or 50 messages, and one password check at a time.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

interface PendingScore {
  resolve(score: number): void;
  reject(error: Error): void;
}

export interface BackgroundThread {
  /** For the web thread's store connection: the thread's connection writes in turns with it. */
  writeTurns: WriteTurns;
  /** Scores a password in the thread, for the services the web thread builds. */
  estimateStrength: EstimateStrength;
  /** Connects the web thread's services (doorbells, metrics) to the thread. */
  serve(services: Services): BackgroundWork;
}

/**
 * The workers and the strength estimate in a background thread (`background-thread.ts`): resolving
 * intents, rendering and sealing mail, talking SMTP and zxcvbn never delay a request. This process's
 * doorbells reach the thread as messages, at most one of each kind per turn of the event loop; a
 * thread that fails is logged and started again, and finds the work it left by polling. Checks it
 * had not answered fail (the request answers with an error page; the person submits again).
 */
export function createBackgroundThread(
  logger: Logger,
  /** The thread's program; tests give a stand-in. */
  program = join(__dirname, 'background-thread.js'),
): BackgroundThread {
  const writeTurns = createWriteTurns();
  let thread: Worker | null = null;
  let stopping = false;
  let nextId = 0;
  const pending = new Map<number, PendingScore>();

  function post(message: ToBackgroundThread): void {
    thread?.postMessage(message);
  }

  function receive(message: FromBackgroundThread, services: Services): void {
    if (message.type === 'audited') {
      services.metrics.observeAudit(message.entry);
      return;
    }
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'estimated') waiting?.resolve(message.score);
    else waiting?.reject(new Error(`password strength check failed: ${message.reason}`));
  }

  function failPending(reason: string): void {
    for (const waiting of pending.values()) waiting.reject(new Error(reason));
    pending.clear();
  }

  function spawn(services: Services): void {
    const workerData: BackgroundThreadData = { writeTurns };
    const started = new Worker(program, { resourceLimits: RESOURCE_LIMITS, workerData });
    // Read now: once the thread has ended, threadId is -1.
    const { threadId } = started;
    started.on('message', (message: FromBackgroundThread) => receive(message, services));
    started.on('error', (err) => logger.error({ err }, 'the background thread failed'));
    started.once('exit', (code) => {
      thread = null;
      // Killed in the middle of a write, it could not give its turn back itself.
      releaseTurnOf(writeTurns, threadId);
      failPending('the background thread stopped before scoring the password');
      if (stopping) return;
      logger.error({ code }, 'the background thread stopped; starting another');
      setTimeout(() => spawn(services), RESTART_DELAY_MS);
    });
    thread = started;
  }

  function doorbell(message: ToBackgroundThread): () => void {
    let rung = false;
    return () => {
      if (rung) return;
      rung = true;
      setImmediate(() => {
        rung = false;
        post(message);
      });
    };
  }

  return {
    writeTurns,
    estimateStrength(password, userWords, languages) {
      if (!thread) return Promise.reject(new Error('the background thread is not running'));
      const id = ++nextId;
      const score = new Promise<number>((resolve, reject) => pending.set(id, { resolve, reject }));
      post({ type: 'estimate', id, password, userWords, languages });
      return score;
    },
    serve(services) {
      services.signals.intentAdded.listen(doorbell('intent-added'));
      services.signals.mailQueued.listen(doorbell('mail-queued'));
      return {
        devMailbox: null,
        start: () => spawn(services),
        reportMemory: () => post('report-memory'),
        async stop() {
          stopping = true;
          const running = thread;
          if (!running) return;
          const exited = new Promise((resolve) => running.once('exit', resolve));
          post('stop');
          const late = setTimeout(() => void running.terminate(), STOP_GRACE_MS);
          await exited;
          clearTimeout(late);
        },
      };
    },
  };
}
