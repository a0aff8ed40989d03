import type { ErrorRequestHandler, Response } from 'express';
import { HttpError } from '../web/errors';

/** Stable, documented error codes: each is the last part of its problem `type`. */
export const PROBLEM_CODES = [
  'invalid_request',
  'unauthorized',
  'scope_missing',
  'forbidden',
  'not_found',
  'conflict',
  'unprocessable',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'rate_limited',
  'unsupported_media_type',
  'payload_too_large',
  'internal_error',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

const TITLES: Record<ProblemCode, string> = {
  invalid_request: 'The request is not valid',
  unauthorized: 'A valid API token is needed',
  scope_missing: 'The token lacks the scope this needs',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Refused in the current state',
  unprocessable: 'The request cannot be carried out',
  idempotency_key_reused: 'The Idempotency-Key was used for another request',
  idempotency_in_progress: 'A request with this Idempotency-Key is still running',
  rate_limited: 'Too many requests for this token',
  unsupported_media_type: 'Send JSON',
  payload_too_large: 'The request body is too large',
  internal_error: 'Something went wrong on our side',
};

export function problemType(code: ProblemCode): string {
  return `urn:resetdesk:problem:${code}`;
}

export interface ProblemExtras {
  /** The reason in the use case's own words (`more_privileges`, `verification_required`, …). */
  reason?: string;
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
}

/** Thrown by API handlers; becomes an RFC 9457 application/problem+json answer. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';

  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
  }
}

export function sendProblem(res: Response, problem: ApiProblem): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemType(problem.code),
        title: TITLES[problem.code],
        status: problem.status,
        detail: problem.detail,
        code: problem.code,
        ...problem.extras,
        requestId: res.locals.requestId as string | undefined,
      }),
    );
}

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** Shared guards (loading a user within privileges) throw HttpError; body parsers throw with a status. */
function toProblem(err: unknown): ApiProblem {
  if (err instanceof ApiProblem) return err;
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? 'invalid_request';
    const detail = err instanceof HttpError ? err.message : TITLES[code];
    return new ApiProblem(CODE_BY_STATUS[status] ? status : 400, code, detail);
  }
  return new ApiProblem(500, 'internal_error', 'The request failed; it is logged with its request id.');
}

/** The API's one error handler: every failure under /api/v1 answers problem+json, never HTML. */
export const handleApiError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const problem = toProblem(err);
  if (problem.status >= 500) req.log.error({ err }, 'API request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendProblem(res, problem);
};
