import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config';

/** Throw (or pass to `next`) from any route: the error middleware renders its status and message. */
export class HttpError extends Error {
  override name = 'HttpError';

  /** `message` is shown to the user as is, so it must never contain a secret or internal detail. */
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = codeFor(status),
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, { code: string; title: string; message: string }> = {
  400: { code: 'bad_request', title: 'Bad request', message: 'The request could not be understood.' },
  403: { code: 'forbidden', title: 'Forbidden', message: 'You are not allowed to do that.' },
  404: {
    code: 'not_found',
    title: 'Page not found',
    message: 'The page you asked for does not exist. Check the address, or go back to the home page.',
  },
  405: { code: 'method_not_allowed', title: 'Not allowed', message: 'That method is not allowed here.' },
  413: { code: 'payload_too_large', title: 'Request too large', message: 'The request was too large.' },
  415: {
    code: 'unsupported_media_type',
    title: 'Unsupported request',
    message: 'That format is not supported.',
  },
  429: {
    code: 'too_many_requests',
    title: 'Too many requests',
    message: 'Too many attempts. Please wait a few minutes and try again.',
  },
  500: {
    code: 'internal_error',
    title: 'Something went wrong',
    message: 'Something went wrong on our side. Please try again; if it keeps happening, contact support.',
  },
  503: {
    code: 'unavailable',
    title: 'Service unavailable',
    message: 'The service is temporarily unavailable. Please try again shortly.',
  },
};

/** body-parser errors carry a `type`; these messages say what to fix. */
const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large (the limit is 16 KB).',
  'parameters.too.many': 'The form has too many fields.',
  'charset.unsupported': 'The request uses an unsupported character set; use UTF-8.',
  'encoding.unsupported': 'The request uses an unsupported content encoding.',
  'request.aborted': 'The request was interrupted before it was complete.',
  'request.size.invalid': 'The request body does not match its declared length.',
};

function describeStatus(status: number) {
  return STATUS_TEXT[status] ?? (status >= 500 ? STATUS_TEXT[500]! : STATUS_TEXT[400]!);
}

function codeFor(status: number): string {
  return describeStatus(status).code;
}

interface ErrorView {
  status: number;
  code: string;
  title: string;
  message: string;
  stack?: string | undefined;
}

function wantsJson(req: Request): boolean {
  return !req.accepts('html') && Boolean(req.accepts('json'));
}

function sendError(req: Request, res: Response, view: ErrorView): void {
  const requestId = res.locals.requestId as string | undefined;
  res.status(view.status);
  if (wantsJson(req)) {
    res.json({ error: view.code, message: view.message, requestId });
    return;
  }
  const locals = {
    title: view.title,
    status: view.status,
    message: view.message,
    requestId,
    stack: view.stack,
  };
  res.render('error', locals, (renderError: Error | null, html?: string) => {
    if (renderError) {
      req.log.error({ err: renderError }, 'error page failed to render');
      res.type('text/plain').send(`${view.title}\n\n${view.message}\n\nReference: ${requestId ?? '-'}\n`);
      return;
    }
    res.send(html);
  });
}

export const handleNotFound: RequestHandler = (req, res) => {
  const { code, title, message } = describeStatus(404);
  sendError(req, res, { status: 404, code, title, message });
};

function isClientError(err: unknown): err is { status: number; type?: unknown } {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function describeError(err: unknown): Omit<ErrorView, 'stack'> {
  if (err instanceof HttpError) {
    return {
      status: err.status,
      code: err.code,
      title: describeStatus(err.status).title,
      message: err.message,
    };
  }
  if (isClientError(err)) {
    const { code, title, message } = describeStatus(err.status);
    const specific = typeof err.type === 'string' ? BODY_PARSER_MESSAGES[err.type] : undefined;
    return { status: err.status, code, title, message: specific ?? message };
  }
  return { status: 500, ...describeStatus(500) };
}

/** The one place errors become responses. Stack traces reach a response only in development. */
export function createErrorHandler(config: Config): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const view: ErrorView = describeError(err);
    if (view.status >= 500 || res.headersSent) {
      // req.log is bound to the request id (see request-logger.ts).
      req.log.error({ err }, 'request failed');
      if (config.env === 'development' && err instanceof Error) view.stack = err.stack;
    }
    if (res.headersSent) {
      // Too late for an error page. Express's final handler would also print the error raw to the
      // console; it is logged above, so only the connection is ended.
      res.destroy();
      return;
    }
    sendError(req, res, view);
  };
}
