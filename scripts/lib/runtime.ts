import type { RequestContext } from '../../src/request-context';
import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config';
import { createServices, type Services } from '../../src/services';
import { openStore, type Store } from '../../src/store';
import { ScriptError } from './cli';

export interface Runtime {
  config: Config;
  store: Store;
  services: Services;
  /** Who acted, for the audit log: the command line, and which script. */
  context: RequestContext;
}

export async function openConfiguredStore(config: Config): Promise<Store> {
  const { mongodbUri, sqlitePath, mongodbTimeoutMs } = config;
  try {
    return await openStore({ mongodbUri, sqlitePath, mongodbTimeoutMs });
  } catch (err) {
    throw new ScriptError(`Could not open the store: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Opens the store and the same services the server builds, runs `work`, and always closes both. */
export async function withRuntime<T>(
  config: Config,
  scriptName: string,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const store = await openConfiguredStore(config);
  try {
    const services = createServices({ config, store, clock: systemClock, setupToken: null });
    try {
      return await work({
        config,
        store,
        services,
        context: { ip: 'cli', userAgent: `scripts/${scriptName}` },
      });
    } finally {
      await services.close();
    }
  } finally {
    await store.close();
  }
}
