/*
 * A stand-in for dist/src/background-thread.js, for the web thread's side of the conversation
 * (test/unit/background-thread-host.test.ts): it scores a password by its length, ends itself on the
 * password "end the thread" (in the middle of a write: holding its turn to write), and reports every other message it receives back as an audit event
 * whose outcome is the message, so the test can count what reached it.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (typeof message === 'object' && message.type === 'estimate') {
    if (message.password === 'end the thread') {
      Atomics.store(new Int32Array(workerData.writeTurns), 0, threadId + 1);
      process.exit(3);
    }
    parentPort.postMessage({ type: 'estimated', id: message.id, score: message.password.length % 5 });
    return;
  }
  parentPort.postMessage({
    type: 'audited',
    entry: { action: 'reset.requested', actorId: null, targetId: null, outcome: message },
  });
  if (message === 'stop') parentPort.close();
});
