import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromBackgroundThread, ToBackgroundThread } from './background-messages';
import type { Config } from './config';
import { createDelivery, createIntentWorker } from './delivery-setup';
import type { DevMailbox } from './mail/dev-mailbox';
import type { Services } from './services';
import type { Store } from './store';
import type { Logger } from './web/logger';

/** The outbox worker and the /forgot intent worker of one process, wherever they run. */
export interface BackgroundWork {
  /** Where mail goes in development without SMTP; /dev/mailbox shows it. */
  devMailbox: DevMailbox | null;
  start(): void;
  /** Resolves what was claimed, sends what is in flight, then stops. */
  stop(): Promise<void>;
}

export interface BackgroundWorkDeps {
  config: Config;
  store: Store;
  services: Services;
  logger: Logger;
}

const RESTART_DELAY_MS = 1000;
const STOP_GRACE_MS = 10_000;

/**
 * A thread of its own needs its own store connection (an in-memory database has only one) and must
 * not hold the dev mailbox (the web thread shows it): with SMTP and a shared store, the workers run
 * in a background thread; otherwise on the web thread's event loop.
 */
export function backgroundThreadPossible(config: Config): boolean {
  const sharedStore = Boolean(config.mongodbUri) || config.sqlitePath !== ':memory:';
  return sharedStore && Boolean(config.mail.smtpUrl);
}

/** The workers on this event loop: development, the in-memory store. */
function onThisThread({ config, store, services, logger }: BackgroundWorkDeps): BackgroundWork {
  const { devMailbox, worker: outbox } = createDelivery(config, store, services, logger);
  const intents = createIntentWorker(config, store, services, logger);
  return {
    devMailbox,
    start() {
      outbox.start();
      intents.start();
    },
    async stop() {
      // Intents first: resolving one may queue mail for the outbox worker to send before it stops.
      await intents.stop();
      await outbox.stop();
    },
  };
}

/**
 * The workers in a background thread (`background-thread.ts`): resolving intents, rendering and
 * sealing mail, and talking SMTP never delay a request. This process's doorbells reach the thread
 * as messages, at most one of each kind per turn of the event loop; a thread that fails is logged
 * and started again, and finds the work it left by polling.
 */
function inBackgroundThread({ services, logger }: BackgroundWorkDeps): BackgroundWork {
  let thread: Worker | null = null;
  let stopping = false;

  function doorbell(message: ToBackgroundThread): () => void {
    let pending = false;
    return () => {
      if (pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        thread?.postMessage(message);
      });
    };
  }
  services.signals.intentAdded.listen(doorbell('intent-added'));
  services.signals.mailQueued.listen(doorbell('mail-queued'));

  function spawn(): void {
    const started = new Worker(join(__dirname, 'background-thread.js'));
    started.on('message', (message: FromBackgroundThread) => services.metrics.observeAudit(message.entry));
    started.on('error', (err) => logger.error({ err }, 'the background thread failed'));
    started.once('exit', (code) => {
      thread = null;
      if (stopping) return;
      logger.error({ code }, 'the background thread stopped; starting another');
      setTimeout(spawn, RESTART_DELAY_MS);
    });
    thread = started;
  }

  return {
    devMailbox: null,
    start: spawn,
    async stop() {
      stopping = true;
      const running = thread;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.postMessage('stop' satisfies ToBackgroundThread);
      const late = setTimeout(() => void running.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(late);
    },
  };
}

export function createBackgroundWork(deps: BackgroundWorkDeps): BackgroundWork {
  return backgroundThreadPossible(deps.config) ? inBackgroundThread(deps) : onThisThread(deps);
}
