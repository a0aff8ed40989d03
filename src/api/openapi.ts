import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ProblemSchema } from './api-schemas';
import type { Endpoint } from './endpoint';

const COMMON_REFUSALS: Record<number, string> = {
  400: 'The request does not match its schema',
  401: 'No token, or a bad, expired or revoked one',
  403: 'The token lacks the scope, or the account has more privileges than its creator',
  404: 'No such resource',
  409: 'Refused in the current state (the same refusals as the console)',
  422: 'The request is well formed but cannot be carried out',
  429: 'Too many requests for this token; see Retry-After',
};

const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'The same key and body within 24 hours return the first answer, once acted on.' }),
});

/** The OpenAPI 3.1 document, generated from the endpoints' own schemas. */
export function buildOpenApiDocument(endpoints: readonly Endpoint[], base: string, appUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token made at /admin/api-tokens (`rd_…`).',
  });
  const problem = { 'application/problem+json': { schema: ProblemSchema } };
  for (const spec of endpoints) {
    const statuses = [400, 401, 403, 404, 429, ...(spec.refusals ?? [])];
    registry.registerPath({
      method: spec.method,
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      description: `Needs the \`${spec.scope}\` scope.`,
      security: [{ [bearer.name]: [] }],
      request: {
        ...(spec.params && { params: spec.params }),
        ...(spec.query && { query: spec.query }),
        ...(spec.idempotent && { headers: IdempotencyHeader }),
        ...(spec.body && { body: { content: { 'application/json': { schema: spec.body } } } }),
      },
      responses: {
        [spec.success.status]: {
          description: spec.success.description,
          content: { 'application/json': { schema: spec.success.schema } },
        },
        ...Object.fromEntries(
          [...new Set(statuses)].map((status) => [
            status,
            { description: COMMON_REFUSALS[status]!, content: problem },
          ]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'ResetDesk admin API',
      version: '1.0.0',
      description:
        'Find users, verify callers, send reset links and follow their delivery from a ticketing tool.',
    },
    servers: [{ url: `${appUrl}${base}` }],
  });
}
