import { createServer, IncomingMessage, ServerResponse, type Server, type ServerOptions } from 'node:http';
import type { Express } from 'express';

type Constructor = new (...args: never[]) => object;
type Initializer = (this: object, ...args: unknown[]) => void;

/**
 * A constructor for `base` objects whose prototype is `prototype` from birth. It calls `base` as a
 * plain function (Node's IncomingMessage and ServerResponse are ES5-style constructors) because
 * `Reflect.construct` with another new.target makes V8 build a new hidden class on every call.
 */
function bornWith<C extends Constructor>(base: C, prototype: object): C {
  const initialize = base as unknown as Initializer;
  function Born(this: object, ...args: unknown[]) {
    initialize.call(this, ...args);
  }
  Born.prototype = prototype;
  return Born as unknown as C;
}

/**
 * The HTTP server for an app, whose requests and responses are created with the app's prototypes.
 * Otherwise Express re-parents each one as it arrives (Object.setPrototypeOf), and V8 pays for that
 * with fresh hidden classes per request: a bare Express app answered a third as many requests, and
 * the classes filled the old generation between collections (most of the server's RSS growth).
 * Express's own setPrototypeOf then finds the prototype already in place and does nothing.
 */
export function createHttpServer(app: Express): Server {
  const options: ServerOptions = {
    IncomingMessage: bornWith<typeof IncomingMessage>(IncomingMessage, app.request),
    ServerResponse: bornWith<typeof ServerResponse>(ServerResponse, app.response),
  };
  return createServer(options, app);
}
