import mongoose, { type Connection } from 'mongoose';

/** Extra time for the driver to report its own server-selection error before our deadline fires. */
const DEADLINE_GRACE_MS = 500;

/**
 * The host list of a connection string, for messages. Everything up to the last "@" is dropped, so
 * credentials never show, even unescaped ones; what remains is cut at the first non-host character.
 */
export function hostsOf(uri: string): string {
  const afterScheme = uri.includes('://') ? uri.slice(uri.indexOf('://') + 3) : uri;
  const afterCredentials = afterScheme.slice(afterScheme.lastIndexOf('@') + 1);
  return /^[\w.\-:,[\]%]+/.exec(afterCredentials)?.[0] ?? 'the configured host';
}

function redactCredentials(text: string, uri: string): string {
  const afterScheme = uri.includes('://') ? uri.slice(uri.indexOf('://') + 3) : uri;
  const credentials = afterScheme.slice(0, Math.max(afterScheme.lastIndexOf('@'), 0));
  return credentials ? text.split(credentials).join('***') : text;
}

function reasonOf(error: unknown, uri: string): string {
  return redactCredentials(error instanceof Error ? error.message : String(error), uri);
}

/**
 * Opens a dedicated connection (not mongoose's global one), so each store owns its models and two
 * stores in one process stay independent. Rejects within about timeoutMs when no server answers.
 */
export async function connect(uri: string, timeoutMs: number): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    // The store is handed out only once connected; later, an outage should fail requests fast
    // (and turn /readyz red) instead of queueing them in memory.
    bufferCommands: false,
  });
  let timer: NodeJS.Timeout | undefined;
  // serverSelectionTimeoutMS does not bound everything (an SRV lookup, say), so keep a deadline of our own.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs + DEADLINE_GRACE_MS,
    );
  });
  try {
    return await Promise.race([connection.asPromise(), deadline]);
  } catch (error) {
    connection.close().catch(() => undefined);
    throw new Error(`cannot reach MongoDB at ${hostsOf(uri)}: ${reasonOf(error, uri)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** For start-up failures after the connection is up (e.g. an index that cannot be built). */
export function describeFailure(what: string, error: unknown, uri: string): Error {
  return new Error(`${what} at ${hostsOf(uri)}: ${reasonOf(error, uri)}`, { cause: error });
}
