import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../web/harness';

/** The OpenAPI 3.1 specification's own JSON Schema, as that validator package ships it. */
const OPENAPI_31_SCHEMA = require.resolve('@seriousme/openapi-schema-validator/schemas/v3.1/schema.json');

describe('GET /api/v1/openapi.json', () => {
  let testApp: TestApp;
  beforeAll(() => {
    testApp = buildTestApp();
  });
  afterAll(() => testApp.close());

  test('when fetched without a token, then it is an OpenAPI 3.1 document valid against the specification schema', async () => {
    const res = await request(testApp.app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const document = res.body as Record<string, unknown>;
    expect(document.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // A format of the specification's own schema for media type keys, which ajv-formats lacks.
    ajv.addFormat('media-range', /^[\w.+*-]+\/[\w.+*-]+/);
    const validate = ajv.compile(JSON.parse(readFileSync(OPENAPI_31_SCHEMA, 'utf8')) as object);
    expect({ valid: validate(document), errors: validate.errors ?? null }).toEqual({
      valid: true,
      errors: null,
    });
    // The check is real: the same document without its info object is refused.
    expect(validate({ ...document, info: undefined })).toBe(false);
  });

  test('when read, then it lists every operation with its scope, the bearer scheme and problem answers', async () => {
    const { body } = await request(testApp.app).get('/api/v1/openapi.json');
    const paths = body.paths as Record<string, Record<string, { description: string; responses: object }>>;
    expect(Object.keys(paths).sort()).toEqual([
      '/audit',
      '/deliveries/{outboxId}',
      '/users',
      '/users/{id}',
      '/users/{id}/reset-link',
      '/users/{id}/sessions/revoke',
      '/users/{id}/verify',
      '/users/{id}/verify/confirm',
    ]);
    expect(paths['/users/{id}/reset-link']!.post!.description).toContain('users:reset');
    expect(Object.keys(paths['/users']!.post!.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '422', '429']),
    );
    expect(body.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
