import type { NewUser } from '../../src/store';

/**
 * A realistic demo set: every user type and every status, parents with and without a national ID,
 * a contact email that differs from the username, phones in E.164 and missing ones.
 * Numbers are from reserved fictional ranges (UK 07700 900xxx, US 555-01xx) so no real phone gets a text.
 */
export const DEMO_USERS: readonly Omit<NewUser, 'passwordHash'>[] = [
  {
    username: 'admin@example.org',
    displayName: 'Grace Hopper',
    userType: 'admin_staff',
    status: 'active',
    roles: ['admin'],
    phone: '+447700900101',
  },
  {
    username: 'helpdesk@example.org',
    displayName: 'Hassan Ali',
    userType: 'admin_staff',
    status: 'active',
    roles: ['helpdesk'],
    phone: '+447700900102',
  },
  {
    username: 'alan.turing@example.org',
    displayName: 'Alan Turing',
    contactEmail: 'alan.turing@personal.example.net',
    userType: 'employee',
    status: 'active',
    roles: ['member'],
    phone: '+447700900103',
  },
  {
    username: 'new.starter@example.org',
    displayName: 'Nia Okafor',
    userType: 'employee',
    status: 'pending',
    roles: ['member'],
  },
  {
    username: 'katherine.johnson@example.org',
    displayName: 'Katherine Johnson',
    userType: 'employee',
    status: 'suspended',
    roles: ['member'],
  },
  {
    username: 'former.employee@example.org',
    displayName: 'Frank Former',
    userType: 'employee',
    status: 'deleted',
    roles: ['member'],
  },
  {
    username: 'li.wei@customer.example.com',
    displayName: 'Li Wei',
    userType: 'customer',
    status: 'active',
    roles: ['member'],
    phone: '+15555550123',
  },
  {
    username: 'orders@supplier.example.net',
    displayName: 'Northwind Supplies',
    contactEmail: 'accounts@supplier.example.net',
    userType: 'supplier',
    status: 'active',
    roles: ['member'],
  },
  {
    username: 'sam.taylor@example.net',
    displayName: 'Sam Taylor',
    userType: 'general',
    status: 'pending',
    roles: ['member'],
  },
  {
    username: 'fatima.alharbi@example.com',
    displayName: 'Fatima Alharbi',
    userType: 'parent',
    nationalId: '2087654321',
    status: 'active',
    roles: ['member'],
    phone: '+15555550124',
  },
  {
    username: 'noura.khan@example.com',
    displayName: 'Noura Khan',
    userType: 'parent',
    status: 'active',
    roles: ['member'],
  },
  {
    username: 'kiosk-01@devices.example.org',
    displayName: 'Lobby kiosk 01',
    userType: 'device',
    status: 'active',
    roles: ['member'],
  },
];

/** Pending accounts have never chosen a password: their invitation does that. */
export function needsPassword(user: Pick<NewUser, 'status'>): boolean {
  return user.status !== 'pending';
}
