import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import type { RecordAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Store } from '../store';
import { DAY, MINUTE } from '../time';
import { requestContext } from '../web/form';
import { API_BASE } from './api-endpoints';
import type { ApiCaller, ApiTokens } from './api-tokens';
import type { Endpoint } from './endpoint';
import { buildOpenApiDocument } from './openapi';
import { ApiProblem, handleApiError, sendProblem } from './problem';

export interface ApiRouterDeps {
  store: Pick<Store, 'rateLimits' | 'idempotencyKeys'>;
  clock: Clock;
  audit: RecordAudit;
  apiTokens: Pick<ApiTokens, 'authenticate'>;
  endpoints: readonly Endpoint[];
  appUrl: string;
  /** API_RATE_LIMIT_PER_MINUTE, per token. */
  ratePerMinute: number;
}

const IDEMPOTENCY_TTL_MS = DAY;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function toExpressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

function issuesOf(error: z.ZodError, where: string) {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function parsePart<T extends z.ZodType | undefined>(schema: T, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new ApiProblem(400, 'invalid_request', `The ${where} does not match the API's schema.`, {
      errors: issuesOf(parsed.error, where),
    });
  }
  return parsed.data;
}

function bearerOf(req: Request): string | null {
  const match = /^Bearer ([^\s]+)$/i.exec(req.get('authorization') ?? '');
  return match ? match[1]! : null;
}

const async =
  (handler: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction) =>
    handler(req, res).catch(next);

/**
 * /api/v1: JSON only, Bearer tokens, no cookies and so no CSRF or session; mounted before the session
 * middleware. Order per request: token (401), per-token limit (429), scope (403), schemas (400), the
 * Idempotency-Key, then the endpoint, which calls the same use cases as the console.
 */
export function createApiRouter(deps: ApiRouterDeps): Router {
  const { store, clock, audit, apiTokens, endpoints } = deps;
  const router = Router();
  const document = buildOpenApiDocument(endpoints, API_BASE, deps.appUrl);

  router.use(API_BASE, express.json({ limit: '16kb', strict: true }), (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get(`${API_BASE}/openapi.json`, (_req, res) => {
    res.json(document);
  });

  async function authenticate(req: Request, res: Response): Promise<ApiCaller> {
    const presented = bearerOf(req);
    const result = presented ? await apiTokens.authenticate(presented) : null;
    if (!result?.ok) {
      res.set('WWW-Authenticate', 'Bearer realm="resetdesk"');
      throw new ApiProblem(401, 'unauthorized', 'Send a valid API token as "Authorization: Bearer rd_…".');
    }
    const { caller } = result;
    // Read by requestContext (audit names the token) and the console guards the endpoints reuse.
    res.locals.apiToken = { id: caller.token.id, name: caller.token.name };
    res.locals.currentUser = caller.creator;
    return caller;
  }

  async function limitRate(caller: ApiCaller, res: Response) {
    const now = clock();
    const hit = await store.rateLimits.hit(`api:token:${caller.token.id}`, MINUTE, now);
    if (hit.count <= deps.ratePerMinute) return;
    const seconds = Math.max(1, Math.ceil((hit.resetAt.getTime() - now.getTime()) / 1000));
    res.set('Retry-After', String(seconds));
    throw new ApiProblem(429, 'rate_limited', `This token may make ${deps.ratePerMinute} requests a minute.`);
  }

  async function checkScope(spec: Endpoint, caller: ApiCaller, req: Request) {
    if (caller.scopes.includes(spec.scope)) return;
    await audit(
      {
        action: 'authorization.refused',
        actorId: caller.creator.id,
        targetId: null,
        outcome: 'scope_missing',
        details: { attempted: spec.operationId, scope: spec.scope },
      },
      requestContext(req),
    );
    throw new ApiProblem(403, 'scope_missing', `This needs a token with the ${spec.scope} scope.`);
  }

  async function answer(spec: Endpoint, caller: ApiCaller, req: Request, res: Response) {
    if (spec.body && !req.is('application/json')) {
      throw new ApiProblem(415, 'unsupported_media_type', 'Send the body as application/json.');
    }
    const call = {
      params: parsePart(spec.params, req.params, 'path'),
      query: parsePart(spec.query, req.query, 'query'),
      body: parsePart(spec.body, req.body, 'body'),
      caller,
      context: requestContext(req),
      req,
      res,
    };
    const result = await spec.handle(call as Parameters<Endpoint['handle']>[0]);
    for (const [name, value] of Object.entries(result.headers ?? {})) res.set(name, value);
    return result;
  }

  /** Same key and same request within 24 h: the first answer again, without acting twice. */
  async function answerOnce(spec: Endpoint, caller: ApiCaller, req: Request, res: Response) {
    const key = req.get('idempotency-key');
    if (!spec.idempotent || key === undefined) return answer(spec, caller, req, res);
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ApiProblem(
        400,
        'invalid_request',
        'The Idempotency-Key must be 1 to 200 visible ASCII characters.',
      );
    }
    const scopedKey = `${caller.token.id}:${key}`;
    const requestHash = createHash('sha256')
      .update(JSON.stringify([req.method, req.path, req.body ?? null]))
      .digest('hex');
    const now = clock();
    const claim = await store.idempotencyKeys.claim(
      scopedKey,
      requestHash,
      now,
      new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    );
    if (!claim.claimed) {
      const { record } = claim;
      if (record.requestHash !== requestHash) {
        throw new ApiProblem(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used with another request.',
        );
      }
      if (record.status === null || record.body === null) {
        throw new ApiProblem(
          409,
          'idempotency_in_progress',
          'The first request with this key is still running.',
        );
      }
      res.set('Idempotent-Replayed', 'true');
      return { status: record.status, body: JSON.parse(record.body) as unknown };
    }
    try {
      const result = await answer(spec, caller, req, res);
      await store.idempotencyKeys.complete(scopedKey, result.status, JSON.stringify(result.body));
      return result;
    } catch (err) {
      // A refusal or failure changed nothing worth repeating: the key is free for a corrected retry.
      await store.idempotencyKeys.release(scopedKey);
      throw err;
    }
  }

  for (const spec of endpoints) {
    router[spec.method](
      `${API_BASE}${toExpressPath(spec.path)}`,
      async(async (req, res) => {
        const caller = await authenticate(req, res);
        await limitRate(caller, res);
        await checkScope(spec, caller, req);
        const result = await answerOnce(spec, caller, req, res);
        res.status(result.status).json(result.body);
      }),
    );
  }
  router.use(API_BASE, (_req, res) => {
    sendProblem(res, new ApiProblem(404, 'not_found', 'There is no such API operation.'));
  });
  router.use(API_BASE, handleApiError);
  return router;
}
