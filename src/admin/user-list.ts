import { holdsPermissionsOf } from '../auth/permissions';
import type { Localized, Translate } from '../i18n/localization';
import type { Page, User } from '../store';
import { USER_STATUS_LABELS, USER_TYPE_LABELS } from '../auth/user-labels';
import { labelledOptions } from './user-labels';
import {
  DEFAULT_DIRECTION,
  listHref,
  USERS_PAGE_SIZE,
  type SortParam,
  type UserListQuery,
} from './user-query';

const COLUMNS: { sort: SortParam; label: string }[] = [
  { sort: 'username', label: 'admin-users:list.username' },
  { sort: 'name', label: 'admin-users:list.name' },
  { sort: 'created', label: 'admin-users:list.created' },
  { sort: 'last-sign-in', label: 'admin-users:list.last_sign_in' },
];

function describeColumns(query: UserListQuery, t: Translate) {
  return Object.fromEntries(
    COLUMNS.map(({ sort, label }) => {
      const current = query.sort === sort;
      const flipped = query.dir === 'asc' ? 'desc' : 'asc';
      const dir = current ? flipped : DEFAULT_DIRECTION[sort];
      return [
        sort,
        {
          label: t(label),
          href: listHref(query, { sort, dir, page: 1 }),
          ariaSort: current ? (query.dir === 'asc' ? 'ascending' : 'descending') : null,
          arrow: current ? (query.dir === 'asc' ? '▲' : '▼') : '',
        },
      ];
    }),
  );
}

/** `manageable`: the viewer may act on this account (privilege containment); otherwise the row is view-only. */
function describeRow(user: User, viewer: Pick<User, 'roles'>, localized: Localized) {
  const { t, formatDateTime } = localized;
  const manageable = holdsPermissionsOf(viewer, user.roles);
  return {
    manageable,
    actionLabel: t('admin-users:list.open'),
    id: user.id,
    href: `/admin/users/${encodeURIComponent(user.id)}`,
    username: user.username,
    displayName: user.displayName,
    status: user.status,
    statusLabel: t(USER_STATUS_LABELS[user.status]),
    typeLabel: t(USER_TYPE_LABELS[user.userType]),
    createdAt: formatDateTime(user.createdAt),
    lastSignInAt: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : t('admin-users:list.never'),
  };
}

function describePaging(query: UserListQuery, total: number) {
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const first = (query.page - 1) * USERS_PAGE_SIZE + 1;
  return {
    page: query.page,
    pageCount,
    total,
    first,
    last: Math.min(total, query.page * USERS_PAGE_SIZE),
    pastEnd: total > 0 && query.page > pageCount,
    lastPageHref: listHref(query, { page: pageCount }),
    prevHref: query.page > 1 ? listHref(query, { page: Math.min(query.page - 1, pageCount) }) : null,
    nextHref: query.page < pageCount ? listHref(query, { page: query.page + 1 }) : null,
  };
}

/** The search form keeps the current sort: what is left of the list URL once search, filters and page are cleared. */
function sortParams(query: UserListQuery): { name: string; value: string }[] {
  const sortOnly = listHref(query, { q: '', status: null, type: null, page: 1 });
  return [...new URL(sortOnly, 'http://local').searchParams].map(([name, value]) => ({ name, value }));
}

/** Everything the users list page shows, as plain strings and links. */
export function describeUserList(
  query: UserListQuery,
  result: Page<User>,
  viewer: Pick<User, 'roles'>,
  localized: Localized,
) {
  const { t } = localized;
  return {
    query,
    rows: result.items.map((user) => describeRow(user, viewer, localized)),
    columns: describeColumns(query, t),
    paging: describePaging(query, result.total),
    filtered: Boolean(query.status || query.type),
    sortParams: sortParams(query),
    clearHref: listHref(query, { q: '', status: null, type: null, page: 1 }),
    statusOptions: labelledOptions(USER_STATUS_LABELS, t),
    typeOptions: labelledOptions(USER_TYPE_LABELS, t),
  };
}
