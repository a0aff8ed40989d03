import { Router, type Response } from 'express';
import { holdsPermissionsOf } from '../auth/permissions';
import { currentUser, requirePermission } from '../auth/session-middleware';
import { USER_STATUS_LABELS, USER_TYPE_LABELS } from '../auth/user-labels';
import type { RecordAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { ROLE_NAMES, type Store, type User } from '../store';
import { HttpError } from '../web/errors';
import { flash } from '../web/flash';
import { requestContext } from '../web/form';
import { noStore } from '../web/no-store';
import type { CreateUserAccount } from './create-user';
import type { UpdateUserAccount } from './update-user';
import { describeNationalIdTypes } from './user-fields';
import { maskNationalId } from './masking';
import { findUserOr404 } from './find-user';
import { loadTargetWithinPrivileges } from './target-access';
import { describeUserDetail } from './user-detail';
import type { CallerVerificationService } from '../verification/caller-verification';
import { describeVerificationPanel } from '../verification/verification-panel';
import {
  editFormValues,
  primaryRole,
  readNewUserForm,
  readUserEditForm,
  selectableStatuses,
  userFormRules,
  type FieldErrors,
  type FormValues,
} from './user-form';
import { describeUserList } from './user-list';
import { parseUserListQuery, toUserSearch } from './user-query';
import { ADMIN_MESSAGES, describeCreatedUser, describeSavedChanges } from './admin-messages';

const NEW_USER_VALUES: FormValues = { userType: 'employee', role: 'member' };

export interface UsersRouterDeps {
  config: Pick<Config, 'admin' | 'sms' | 'verification'>;
  store: Pick<Store, 'users' | 'sessions' | 'resetRequests' | 'audit' | 'outbox'>;
  clock: Clock;
  audit: RecordAudit;
  createUserAccount: CreateUserAccount;
  updateUserAccount: UpdateUserAccount;
  callerVerification: Pick<CallerVerificationService, 'currentFor' | 'refusal'>;
}

export function createUsersRouter(deps: UsersRouterDeps): Router {
  const { config, store, clock, audit, createUserAccount, updateUserAccount, callerVerification } = deps;
  const router = Router();
  const rules = userFormRules(config.admin);
  const canRead = requirePermission('users:read');
  const canUpdate = requirePermission('users:update');
  const typeOptions = Object.entries(USER_TYPE_LABELS).map(([value, label]) => ({ value, label }));
  const nationalIdTypes = describeNationalIdTypes(rules.nationalIdTypes);
  /** The role list offers only roles the viewer may grant; the server checks again on submit. */
  const formOptions = (res: Response) => ({
    typeOptions,
    roleOptions: ROLE_NAMES.filter((role) => holdsPermissionsOf(currentUser(res)!, [role])).map((value) => ({
      value,
      label: value,
    })),
    nationalIdTypes,
  });

  function renderNew(
    res: Response,
    status: number,
    values: FormValues,
    errors: FieldErrors,
    invite: boolean,
  ) {
    res.status(status).render('admin/user-new', { ...formOptions(res), values, errors, sendInvite: invite });
  }

  function renderEdit(res: Response, status: number, target: User, values: FormValues, errors: FieldErrors) {
    res.status(status).render('admin/user-edit', {
      ...formOptions(res),
      target,
      values,
      errors,
      ownAccount: currentUser(res)!.id === target.id,
      lockedRole: primaryRole(target.roles),
      statusOptions: selectableStatuses(target.status).map((value) => ({
        value,
        label: USER_STATUS_LABELS[value],
      })),
      maskedNationalId: maskNationalId(target.nationalId),
    });
  }

  // Every page here carries personal data. Marked route by route, not on the /admin/users prefix, so
  // another router's pages under that prefix cannot rely on this one to mark them.
  router.get('/admin/users', noStore, canRead, async (req, res) => {
    const parsed = parseUserListQuery(req.query);
    if (!parsed.ok) throw new HttpError(400, parsed.message);
    const result = await store.users.search(toUserSearch(parsed.query));
    res.render('admin/users', describeUserList(parsed.query, result, currentUser(res)!));
  });

  router.get('/admin/users/new', noStore, canUpdate, (_req, res) =>
    renderNew(res, 200, NEW_USER_VALUES, {}, true),
  );

  router.post('/admin/users/new', noStore, canUpdate, async (req, res) => {
    const form = readNewUserForm(req.body, currentUser(res)!, rules);
    if (!form.ok) return renderNew(res, 400, form.values, form.errors, form.sendInvite);
    const admin = currentUser(res)!;
    const options = { admin, sendInvite: form.sendInvite };
    const result = await createUserAccount(form.fields, options, requestContext(req));
    if (!result.ok) {
      return renderNew(res, 409, form.values, { username: ADMIN_MESSAGES.username_taken }, form.sendInvite);
    }
    flash(req, 'success', describeCreatedUser(result.user, result.invited, config.admin.inviteTtlMs));
    res.redirect(303, `/admin/users/${encodeURIComponent(result.user.id)}`);
  });

  router.get('/admin/users/:id', noStore, canRead, async (req, res) => {
    const target = await findUserOr404(store, req.params.id);
    const viewer = currentUser(res)!;
    const verification = await describeVerificationPanel(callerVerification, viewer, target, config);
    const detail = await describeUserDetail(store, config, target, viewer, clock(), verification, req.t);
    res.render('admin/user-detail', detail);
  });

  const editable = [noStore, canUpdate, loadTargetWithinPrivileges(store, audit, 'edit')];

  router.get('/admin/users/:id/edit', ...editable, (_req, res) => {
    const target = res.locals.target as User;
    renderEdit(res, 200, target, editFormValues(target), {});
  });

  router.post('/admin/users/:id/edit', ...editable, async (req, res) => {
    const target = res.locals.target as User;
    const admin = currentUser(res)!;
    const form = readUserEditForm(req.body, target, admin, rules);
    if (!form.ok) return renderEdit(res, 400, target, form.values, form.errors);
    const result = await updateUserAccount(target, form.changes, admin, requestContext(req));
    if (!result.ok && result.error === 'not_found') throw new HttpError(404, ADMIN_MESSAGES.user_not_found);
    if (!result.ok)
      return renderEdit(res, 409, target, form.values, { username: ADMIN_MESSAGES.username_taken });
    flash(req, 'success', describeSavedChanges(result));
    res.redirect(303, `/admin/users/${encodeURIComponent(target.id)}`);
  });

  return router;
}
