import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

type OpenApiDocument = Record<string, unknown>;

/** Checks real answers against the document the app serves: status, media type and body schema. */
export class OpenApiCheck {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, 'openapi.json');
  }

  /** `path` as in the document (`/users/{id}`); fails when the answer is not described or does not match. */
  expectValid(method: 'get' | 'post', path: string, res: Response): void {
    const pointer = ['paths', path, method, 'responses', String(res.status)]
      .map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/');
    const mediaType = (res.headers['content-type'] ?? '').split(';')[0]!;
    const validate = this.ajv.compile({
      $ref: `openapi.json#/${pointer}/content/${mediaType.replace('/', '~1')}/schema`,
    });
    const body: unknown = JSON.parse(res.text);
    if (!validate(body)) {
      throw new Error(
        `${method.toUpperCase()} ${path} ${res.status} does not match the document: ${JSON.stringify(validate.errors)}\n${res.text}`,
      );
    }
  }
}
