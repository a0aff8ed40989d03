import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { RequestContext } from '../request-context';
import type { ApiCaller, ApiScope } from './api-tokens';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ApiCall<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: ApiCaller;
  context: RequestContext;
  req: Request;
  res: Response;
}

/** One API operation: its schemas (validation and document both come from them), scope and handler. */
export interface EndpointSpec<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
> {
  method: 'get' | 'post';
  /** OpenAPI style below /api/v1, e.g. `/users/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  scope: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  success: { status: number; description: string; schema: z.ZodType };
  /** Refusal statuses beyond the ones every operation can answer (400, 401, 403, 404, 429). */
  refusals?: number[];
  /** POSTs that act: an Idempotency-Key makes a retry return the first answer. */
  idempotent?: boolean;
  handle(call: ApiCall<Infer<P>, Infer<Q>, Infer<B>>): Promise<ApiAnswer>;
}

export type Endpoint = EndpointSpec<z.ZodObject | undefined, z.ZodObject | undefined, z.ZodType | undefined>;

export function endpoint<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: EndpointSpec<P, Q, B>): Endpoint {
  return spec as unknown as Endpoint;
}
