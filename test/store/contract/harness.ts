import type { Store } from '../../../src/store';
import type { BackingStorage, ContractBackend } from '../backend';

/**
 * The fake clock starts far in the future so MongoDB's TTL monitor (which uses the real clock) never
 * removes test documents mid-test: expiry must be proven by the queries alone.
 */
export const T0 = new Date('2100-03-01T09:00:00.000Z');

export function minutesAfter(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

export interface ContractContext {
  store: Store;
  storage: BackingStorage;
  /** Further instances opened on the same storage; closed after each test. */
  openAnother(): Promise<Store>;
}

/** Gives every test a fresh, real backing storage and closes everything afterwards. */
export function useStore(backend: ContractBackend): ContractContext {
  const extra: Store[] = [];
  const context = {} as ContractContext;
  beforeEach(async () => {
    context.storage = await backend.createStorage();
    context.store = await context.storage.open();
    context.openAnother = async () => {
      const another = await context.storage.open();
      extra.push(another);
      return another;
    };
  });
  afterEach(async () => {
    for (const store of extra.splice(0)) await store.close();
    await context.store.close();
    await context.storage.destroy();
  });
  return context;
}

/**
 * Whether the promise rejected. Not `rejects.toThrow()`: the native SQLite module may reject with an Error
 * from another jest realm, which toThrow does not recognise (such a test fails only when the suite runs in full).
 */
export function isRejected(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => false,
    () => true,
  );
}
