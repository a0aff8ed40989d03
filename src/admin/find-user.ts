import type { Translate } from '../i18n/localization';
import type { Store, User } from '../store';
import { HttpError } from '../web/errors';
import { ADMIN_MESSAGES } from './admin-messages';

/** The user an admin URL names (`:id`), or the 404 page; ids longer than any we issue are not looked up. */
export async function findUserOr404(store: Pick<Store, 'users'>, id: unknown, t: Translate): Promise<User> {
  const user = typeof id === 'string' && id.length <= 100 ? await store.users.findById(id) : null;
  if (!user) throw new HttpError(404, t(ADMIN_MESSAGES.no_such_user));
  return user;
}
