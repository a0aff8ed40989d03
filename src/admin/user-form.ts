import type { Config } from '../config';
import type { Translate } from '../i18n/localization';
import {
  ROLE_NAMES,
  type ProfilePatch,
  type RoleName,
  type User,
  type UserStatus,
  type UserType,
} from '../store';
import { checkboxField } from '../web/form';
import { USER_STATUS_LABELS } from '../auth/user-labels';
import {
  checkContactEmail,
  checkDisplayName,
  checkNationalId,
  checkPhone,
  checkGrantableRole,
  checkUsername,
  checkUserType,
  describeNationalIdTypes,
  readText,
  type Check,
} from './user-fields';

export interface UserFormRules {
  /** Types that may hold a national ID: parents, and any type whose one-click password is that ID. */
  nationalIdTypes: readonly UserType[];
}

export function userFormRules(admin: Pick<Config['admin'], 'nationalIdPasswordTypes'>): UserFormRules {
  return { nationalIdTypes: [...new Set<UserType>(['parent', ...admin.nationalIdPasswordTypes])] };
}

/** What was typed, field by field, to put back into the form. */
export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;
type FormFailure = { ok: false; values: FormValues; errors: FieldErrors };

export interface NewUserFields {
  username: string;
  displayName: string;
  userType: UserType;
  role: RoleName;
  contactEmail: string | null;
  phone: string | null;
  nationalId: string | null;
}

export interface UserChanges {
  patch: ProfilePatch;
  /** The new status, or null when it stays. */
  status: UserStatus | null;
  /** Names of the changed fields (never their values). */
  changed: string[];
}

/** Reads every field and collects every error, translated, so one submit reports all of them. */
function createFormReader(body: unknown, t: Translate) {
  const values: FormValues = {};
  const errors: FieldErrors = {};
  return {
    values,
    errors,
    field<T>(name: string, maxLength: number, check: (text: string) => Check<T>): T | undefined {
      const text = readText(body, name, maxLength);
      values[name] = text.ok ? text.value : '';
      const result = text.ok ? check(text.value) : text;
      if (result.ok) return result.value;
      errors[name] ??= t(result.error.key, result.error.values);
      return undefined;
    },
    fail(name: string, key: string, values?: Record<string, string>) {
      errors[name] ??= t(key, values);
    },
    t,
    get ok() {
      return Object.keys(errors).length === 0;
    },
  };
}
type FormReader = ReturnType<typeof createFormReader>;

function readProfileFields(form: FormReader) {
  return {
    username: form.field('username', 320, checkUsername),
    displayName: form.field('displayName', 400, checkDisplayName),
    userType: form.field('userType', 32, checkUserType),
    contactEmail: form.field('contactEmail', 320, checkContactEmail),
    phone: form.field('phone', 40, checkPhone),
  };
}

/** The role a single-choice form shows for an account holding several: the most powerful one. */
export function primaryRole(roles: readonly RoleName[]): RoleName {
  return ROLE_NAMES.find((role) => roles.includes(role)) ?? 'member';
}

export function readNewUserForm(
  body: unknown,
  granter: Pick<User, 'roles'>,
  rules: UserFormRules,
  t: Translate,
): ({ ok: true; fields: NewUserFields } | FormFailure) & { values: FormValues; sendInvite: boolean } {
  const form = createFormReader(body, t);
  const profile = readProfileFields(form);
  const role = form.field('role', 32, checkGrantableRole(granter));
  const nationalId = form.field('nationalId', 40, checkNationalId);
  const sendInvite = checkboxField(body, 'sendInvite');
  if (nationalId && profile.userType && !rules.nationalIdTypes.includes(profile.userType)) {
    form.fail('nationalId', 'admin-users:fields.national_id_types', {
      types: describeNationalIdTypes(rules.nationalIdTypes, t),
    });
  }
  if (!form.ok) return { ok: false, values: form.values, errors: form.errors, sendInvite };
  // Every field passed its check, so none is undefined.
  return {
    ok: true,
    fields: { ...profile, role, nationalId } as NewUserFields,
    values: form.values,
    sendInvite,
  };
}

/** Statuses an admin may choose: pending only stays pending (it ends when the first password is set). */
export function selectableStatuses(current: UserStatus): UserStatus[] {
  return current === 'pending' ? ['pending', 'suspended', 'deleted'] : ['active', 'suspended', 'deleted'];
}

function checkStatus(current: UserStatus, t: Translate) {
  return (text: string): Check<UserStatus> => {
    const status = selectableStatuses(current).find((candidate) => candidate === text);
    if (status) return { ok: true, value: status };
    if (current === 'pending' && text === 'active') {
      return { ok: false, error: { key: 'admin-users:fields.pending_to_active' } };
    }
    const statuses = selectableStatuses(current)
      .map((option) => t(USER_STATUS_LABELS[option]))
      .join(t('admin:messages.list_separator'));
    return { ok: false, error: { key: 'admin-users:fields.status_choose', values: { statuses } } };
  };
}

/** On one's own account, role and status cannot change: the fields are not offered, and a forged value is refused. */
function readRoleAndStatus(form: FormReader, target: User, viewer: Pick<User, 'id' | 'roles'>) {
  const self = viewer.id === target.id;
  const checkRole = checkGrantableRole(viewer);
  const currentRole = primaryRole(target.roles);
  const checkStatusFor = checkStatus(target.status, form.t);
  const orCurrent =
    <T>(current: string, check: (text: string) => Check<T>) =>
    (text: string) =>
      check(text || current);
  const role = form.field('role', 32, self ? orCurrent(currentRole, checkRole) : checkRole);
  const status = form.field('status', 32, self ? orCurrent(target.status, checkStatusFor) : checkStatusFor);
  if (self && role !== undefined && role !== currentRole) {
    form.fail('role', 'admin-users:fields.own_role');
  }
  if (self && status !== undefined && status !== target.status) {
    form.fail('status', 'admin-users:fields.own_status');
  }
  return { role, status };
}

/** Blank keeps the ID on file (the form never shows it); the "remove" box clears it. */
function readNationalId(form: FormReader, body: unknown, target: User) {
  const typed = form.field('nationalId', 40, checkNationalId);
  const remove = checkboxField(body, 'removeNationalId');
  if (remove && typed) form.fail('nationalId', 'admin-users:fields.national_id_both');
  return remove ? null : (typed ?? target.nationalId);
}

function diff(target: User, next: Omit<NewUserFields, 'role'>, role: RoleName, status: UserStatus) {
  const patch: ProfilePatch = {};
  const changed: string[] = [];
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (next[key] === target[key]) continue;
    Object.assign(patch, { [key]: next[key] });
    changed.push(key);
  }
  if (role !== primaryRole(target.roles)) {
    patch.roles = [role];
    changed.push('roles');
  }
  if (status !== target.status) changed.push('status');
  return { patch, status: status === target.status ? null : status, changed };
}

export function readUserEditForm(
  body: unknown,
  target: User,
  viewer: Pick<User, 'id' | 'roles'>,
  rules: UserFormRules,
  t: Translate,
): ({ ok: true; changes: UserChanges } | FormFailure) & { values: FormValues } {
  const form = createFormReader(body, t);
  const profile = readProfileFields(form);
  const { role, status } = readRoleAndStatus(form, target, viewer);
  const nationalId = readNationalId(form, body, target);
  if (nationalId && profile.userType && !rules.nationalIdTypes.includes(profile.userType)) {
    const types = describeNationalIdTypes(rules.nationalIdTypes, t);
    // The ID on file is not shown, so the admin is told how to clear it before changing the type.
    const key =
      nationalId === target.nationalId
        ? 'admin-users:fields.national_id_types_remove'
        : 'admin-users:fields.national_id_types';
    form.fail('nationalId', key, { types });
  }
  if (!form.ok) return { ok: false, values: form.values, errors: form.errors };
  const next = { ...profile, nationalId } as Omit<NewUserFields, 'role'>;
  return { ok: true, changes: diff(target, next, role!, status!), values: form.values };
}

/** The edit form as first shown: the stored values, except the national ID, which never leaves the server. */
export function editFormValues(target: User): FormValues {
  return {
    username: target.username,
    displayName: target.displayName,
    userType: target.userType,
    role: primaryRole(target.roles),
    status: target.status,
    contactEmail: target.contactEmail ?? '',
    phone: target.phone ?? '',
    nationalId: '',
  };
}
