import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config';
import type { Logger } from './logger';

function chooseLevel(res: ServerResponse, err?: Error) {
  if (err || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return 'info';
}

function createAccessLogger(logger: Logger) {
  return pinoHttp({
    logger,
    // The logger's own serializers already strip query strings; pino-http's wrappers would re-add them.
    wrapSerializers: false,
    genReqId: () => randomUUID(),
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    customLogLevel: (_req, res, err) => chooseLevel(res, err),
    customSuccessMessage: (req, res) => `${req.method} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${res.statusCode}`,
    // The error middleware logs the real error; pino-http would add a synthetic one with a stack.
    customErrorObject: (_req, _res, _error, values) => ({
      res: values.res,
      responseTime: values.responseTime,
    }),
  });
}

type StartLogging = (req: Request, res: Response) => void;

const CHILD_LOGGER = Symbol('child logger');

/**
 * Without access logs, `req.log` is made on first use only: a pino child per request (its bindings
 * go through redaction) cost a tenth of a page render, and most requests never log. The getter is
 * one shared function: a closure per request would give every request its own hidden class.
 */
function createLazyLogger(logger: Logger): StartLogging {
  function childLogger(this: Request & { [CHILD_LOGGER]?: Logger }): Logger {
    return (this[CHILD_LOGGER] ??= logger.child({ requestId: this.id }));
  }
  return (req) => {
    req.id = randomUUID();
    Object.defineProperty(req, 'log', { get: childLogger });
  };
}

/**
 * One access-log line per request (when enabled), and `req.log` / `res.locals.requestId` for
 * everything after it. The id is always ours: a client-chosen id could be used to forge or confuse
 * log correlation.
 */
export function createRequestLogger(config: Config, logger: Logger): RequestHandler {
  const startLogging: StartLogging = config.requestLogs
    ? createAccessLogger(logger)
    : createLazyLogger(logger);
  return (req, res, next) => {
    startLogging(req, res);
    res.locals.requestId = String(req.id);
    res.setHeader('X-Request-Id', String(req.id));
    next();
  };
}
