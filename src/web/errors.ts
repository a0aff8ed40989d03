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

/** Each status's code (for JSON answers) and its title and message keys in the `common` catalog. */
const STATUS_TEXT: Record<number, { code: string; title: string; message: string }> = {
  400: {
    code: 'bad_request',
    title: 'common:errors.bad_request.title',
    message: 'common:errors.bad_request.message',
  },
  403: {
    code: 'forbidden',
    title: 'common:errors.forbidden.title',
    message: 'common:errors.forbidden.message',
  },
  404: {
    code: 'not_found',
    title: 'common:errors.not_found.title',
    message: 'common:errors.not_found.message',
  },
  405: {
    code: 'method_not_allowed',
    title: 'common:errors.method_not_allowed.title',
    message: 'common:errors.method_not_allowed.message',
  },
  413: {
    code: 'payload_too_large',
    title: 'common:errors.payload_too_large.title',
    message: 'common:errors.payload_too_large.message',
  },
  415: {
    code: 'unsupported_media_type',
    title: 'common:errors.unsupported_media_type.title',
    message: 'common:errors.unsupported_media_type.message',
  },
  429: {
    code: 'too_many_requests',
    title: 'common:errors.too_many_requests.title',
    message: 'common:errors.too_many_requests.message',
  },
  500: {
    code: 'internal_error',
    title: 'common:errors.internal_error.title',
    message: 'common:errors.internal_error.message',
  },
  503: {
    code: 'unavailable',
    title: 'common:errors.unavailable.title',
    message: 'common:errors.unavailable.message',
  },
};

/** body-parser errors carry a `type`; these messages say what to fix. */
const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'common:errors.body.parse_failed',
  'entity.too.large': 'common:errors.body.too_large',
  'parameters.too.many': 'common:errors.body.too_many_fields',
  'charset.unsupported': 'common:errors.body.charset',
  'encoding.unsupported': 'common:errors.body.encoding',
  'request.aborted': 'common:errors.body.aborted',
  'request.size.invalid': 'common:errors.body.size_invalid',
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
      res
        .type('text/plain')
        .send(
          `${view.title}\n\n${view.message}\n\n${req.t('common:errors.reference')} ${requestId ?? '-'}\n`,
        );
      return;
    }
    res.send(html);
  });
}

export const handleNotFound: RequestHandler = (req, res) => {
  const { code, title, message } = describeStatus(404);
  sendError(req, res, { status: 404, code, title: req.t(title), message: req.t(message) });
};

function isClientError(err: unknown): err is { status: number; type?: unknown } {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** In the request's language; an HttpError's message was written in it where it was thrown. */
function describeError(req: Request, err: unknown): Omit<ErrorView, 'stack'> {
  const { t } = req;
  if (err instanceof HttpError) {
    return {
      status: err.status,
      code: err.code,
      title: t(describeStatus(err.status).title),
      message: err.message,
    };
  }
  const status = isClientError(err) ? err.status : 500;
  const { code, title, message } = describeStatus(status);
  const specific =
    isClientError(err) && typeof err.type === 'string' ? BODY_PARSER_MESSAGES[err.type] : undefined;
  return { status, code, title: t(title), message: t(specific ?? message) };
}

/** The one place errors become responses. Stack traces reach a response only in development. */
export function createErrorHandler(config: Config): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const view: ErrorView = describeError(req, err);
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
