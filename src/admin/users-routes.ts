import { Router, type Request, type Response } from 'express';
import { holdsPermissionsOf } from '../auth/permissions';
import { currentUser, requirePermission } from '../auth/session-middleware';
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
import { USER_STATUS_LABELS, USER_TYPE_LABELS } from '../auth/user-labels';
import { labelledOptions, ROLE_LABELS } from './user-labels';

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
  /** The role list offers only roles the viewer may grant; the server checks again on submit. */
  const formOptions = (req: Request, res: Response) => ({
    typeOptions: labelledOptions(USER_TYPE_LABELS, req.t),
    roleOptions: labelledOptions(
      ROLE_LABELS,
      req.t,
      ROLE_NAMES.filter((role) => holdsPermissionsOf(currentUser(res)!, [role])),
    ),
    nationalIdTypes: describeNationalIdTypes(rules.nationalIdTypes, req.t),
  });

  function renderNew(
    req: Request,
    res: Response,
    status: number,
    values: FormValues,
    errors: FieldErrors,
    invite: boolean,
  ) {
    res
      .status(status)
      .render('admin/user-new', { ...formOptions(req, res), values, errors, sendInvite: invite });
  }

  function renderEdit(
    req: Request,
    res: Response,
    status: number,
    target: User,
    values: FormValues,
    errors: FieldErrors,
  ) {
    res.status(status).render('admin/user-edit', {
      ...formOptions(req, res),
      target,
      values,
      errors,
      ownAccount: currentUser(res)!.id === target.id,
      lockedRole: req.t(ROLE_LABELS[primaryRole(target.roles)]),
      statusOptions: labelledOptions(USER_STATUS_LABELS, req.t, selectableStatuses(target.status)),
      maskedNationalId: maskNationalId(target.nationalId),
    });
  }

  // Every page here carries personal data. Marked route by route, not on the /admin/users prefix, so
  // another router's pages under that prefix cannot rely on this one to mark them.
  router.get('/admin/users', noStore, canRead, async (req, res) => {
    const parsed = parseUserListQuery(req.query);
    if (!parsed.ok) throw new HttpError(400, req.t(parsed.message.key, parsed.message.values));
    const result = await store.users.search(toUserSearch(parsed.query));
    res.render('admin/users', describeUserList(parsed.query, result, currentUser(res)!, req.localized));
  });

  router.get('/admin/users/new', noStore, canUpdate, (req, res) =>
    renderNew(req, res, 200, NEW_USER_VALUES, {}, true),
  );

  router.post('/admin/users/new', noStore, canUpdate, async (req, res) => {
    const form = readNewUserForm(req.body, currentUser(res)!, rules, req.t);
    if (!form.ok) return renderNew(req, res, 400, form.values, form.errors, form.sendInvite);
    const admin = currentUser(res)!;
    const options = { admin, sendInvite: form.sendInvite };
    const result = await createUserAccount(form.fields, options, requestContext(req));
    if (!result.ok) {
      const errors = { username: req.t(ADMIN_MESSAGES.username_taken) };
      return renderNew(req, res, 409, form.values, errors, form.sendInvite);
    }
    flash(req, 'success', describeCreatedUser(result.user, result.invited, config.admin.inviteTtlMs, req.t));
    res.redirect(303, `/admin/users/${encodeURIComponent(result.user.id)}`);
  });

  router.get('/admin/users/:id', noStore, canRead, async (req, res) => {
    const target = await findUserOr404(store, req.params.id, req.t);
    const viewer = currentUser(res)!;
    const verification = await describeVerificationPanel(
      callerVerification,
      viewer,
      target,
      config,
      req.localized,
    );
    const detail = await describeUserDetail(
      store,
      config,
      target,
      viewer,
      clock(),
      verification,
      req.localized,
    );
    res.render('admin/user-detail', detail);
  });

  const editable = [noStore, canUpdate, loadTargetWithinPrivileges(store, audit, 'edit')];

  router.get('/admin/users/:id/edit', ...editable, (req, res) => {
    const target = res.locals.target as User;
    renderEdit(req, res, 200, target, editFormValues(target), {});
  });

  router.post('/admin/users/:id/edit', ...editable, async (req, res) => {
    const target = res.locals.target as User;
    const admin = currentUser(res)!;
    const form = readUserEditForm(req.body, target, admin, rules, req.t);
    if (!form.ok) return renderEdit(req, res, 400, target, form.values, form.errors);
    const result = await updateUserAccount(target, form.changes, admin, requestContext(req));
    if (!result.ok && result.error === 'not_found') {
      throw new HttpError(404, req.t(ADMIN_MESSAGES.user_not_found));
    }
    if (!result.ok) {
      return renderEdit(req, res, 409, target, form.values, {
        username: req.t(ADMIN_MESSAGES.username_taken),
      });
    }
    flash(req, 'success', describeSavedChanges(result, req.t));
    res.redirect(303, `/admin/users/${encodeURIComponent(target.id)}`);
  });

  return router;
}
