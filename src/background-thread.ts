import { parentPort, type MessagePort } from 'node:worker_threads';
import type { FromBackgroundThread, ToBackgroundThread } from './background-messages';
import { systemClock } from './clock';
import { loadConfig } from './config';
import { createDelivery, createIntentWorker } from './delivery-setup';
import { createServices } from './services';
import { openStore } from './store';
import { createLogger } from './web/logger';

/**
 * The background thread's program: the /forgot intent worker and the outbox worker, on a store
 * connection of their own, off the event loop that answers requests. It reads the same environment
 * as the web thread, so it builds the same services; its audit events are counted by the web
 * thread, whose registry /metrics serves. It checkpoints the SQLite WAL between its rounds.
 */
async function runBackgroundThread(port: MessagePort): Promise<void> {
  const config = loadConfig();
  const { mongodbUri, sqlitePath, mongodbTimeoutMs } = config;
  const store = await openStore({ mongodbUri, sqlitePath, mongodbTimeoutMs, walCheckpoints: 'this-thread' });
  const logger = createLogger(config).child({ thread: 'background' });
  const tell = (message: FromBackgroundThread) => port.postMessage(message);
  const services = createServices({
    config,
    store,
    clock: systemClock,
    setupToken: null,
    countAudit: (entry) => tell({ type: 'audited', entry }),
  });
  const { worker: outbox } = createDelivery(config, store, services, logger);
  const intents = createIntentWorker(config, store, services, logger);
  outbox.start();
  intents.start();
  logger.info('background thread started: resolving reset intents and sending the outbox');
  port.on('message', (message: ToBackgroundThread) => {
    if (message === 'intent-added') intents.wake();
    else if (message === 'mail-queued') outbox.wake();
    else void stop();
  });

  // Intents first: resolving one may queue mail for the outbox worker to send before it stops.
  async function stop(): Promise<void> {
    await intents.stop();
    await outbox.stop();
    await services.close();
    await store.close();
    port.close();
  }
}

if (parentPort) {
  void runBackgroundThread(parentPort).catch((err: unknown) => {
    // Rethrown outside the promise so the thread ends with it: the web thread logs it and restarts one.
    setImmediate(() => {
      throw err;
    });
  });
}
