import { type Request, type Response, Router } from 'express';
import { currentUser, requirePermission } from '../auth/session-middleware';
import type { Clock } from '../clock';
import type { Store } from '../store';
import { HttpError } from '../web/errors';
import { flash } from '../web/flash';
import { requestContext, stringField } from '../web/form';
import { noStore } from '../web/no-store';
import { API_TOKEN_MESSAGES, CREATE_TOKEN_ERRORS } from './api-token-messages';
import {
  API_SCOPES,
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_DAYS,
  API_TOKEN_NAME_MAX_LENGTH,
  type ApiTokens,
} from './api-tokens';

export const API_TOKENS_PATH = '/admin/api-tokens';

export interface ApiTokenRouterDeps {
  store: Pick<Store, 'apiTokens' | 'users'>;
  clock: Clock;
  apiTokens: Pick<ApiTokens, 'create' | 'revoke'>;
}

/** The checked boxes of a repeated field (let through by requirePlainFields for this form only). */
function listField(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function daysField(body: unknown): number | null | 'invalid' {
  const raw = stringField(body, 'expiresInDays', 10)?.trim() ?? '';
  if (raw === '') return null;
  return /^\d+$/.test(raw) ? Number(raw) : 'invalid';
}

/** /admin/api-tokens: create (the token shown once), list, revoke. Admins only (`tokens:manage`). */
export function createApiTokenRouter({ store, clock, apiTokens }: ApiTokenRouterDeps): Router {
  const router = Router();
  router.use(API_TOKENS_PATH, noStore, requirePermission('tokens:manage'));

  async function renderList(res: Response, extra: Record<string, unknown> = {}) {
    const tokens = await store.apiTokens.list();
    const creatorIds = [...new Set(tokens.map((token) => token.createdBy))];
    const creators = new Map(
      (await Promise.all(creatorIds.map((id) => store.users.findById(id)))).flatMap((user) =>
        user ? [[user.id, user.username] as const] : [],
      ),
    );
    const now = clock();
    res.render('admin/api-tokens', {
      tokens: tokens.map((token) => ({
        ...token,
        creator: creators.get(token.createdBy) ?? null,
        state: token.revokedAt ? 'revoked' : token.expiresAt <= now ? 'expired' : 'active',
      })),
      scopes: API_SCOPES,
      defaultDays: API_TOKEN_DEFAULT_DAYS,
      maxDays: API_TOKEN_MAX_DAYS,
      nameMaxLength: API_TOKEN_NAME_MAX_LENGTH,
      error: null,
      values: { name: '', scopes: [], expiresInDays: '' },
      ...extra,
    });
  }

  router.get(API_TOKENS_PATH, (_req, res) => renderList(res));

  router.post(API_TOKENS_PATH, async (req: Request, res: Response) => {
    const name = stringField(req.body, 'name', 200) ?? '';
    const scopes = listField(req.body, 'scopes');
    const days = daysField(req.body);
    const result =
      days === 'invalid'
        ? ({ ok: false, error: 'expiry_invalid' } as const)
        : await apiTokens.create(
            currentUser(res)!,
            { name, scopes, expiresInDays: days },
            requestContext(req),
          );
    if (!result.ok) {
      res.status(400);
      const expiresInDays = stringField(req.body, 'expiresInDays', 10) ?? '';
      return renderList(res, {
        error: req.t(CREATE_TOKEN_ERRORS[result.error], { max: API_TOKEN_MAX_DAYS }),
        values: { name, scopes, expiresInDays },
      });
    }
    res.render('admin/api-token-created', { token: result.token, record: result.record });
  });

  router.post(`${API_TOKENS_PATH}/:id/revoke`, async (req, res) => {
    const id = req.params.id as string;
    const token = (await store.apiTokens.list()).find((candidate) => candidate.id === id);
    if (!token || !(await apiTokens.revoke(currentUser(res)!, id, requestContext(req)))) {
      throw new HttpError(404, req.t(API_TOKEN_MESSAGES.unknown_token));
    }
    flash(req, 'success', req.t(API_TOKEN_MESSAGES.revoked, { name: token.name }));
    res.redirect(303, API_TOKENS_PATH);
  });

  return router;
}
