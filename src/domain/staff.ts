// Staff: the accounts that run the site, and what each role may do. Pure.

import type { StaffId } from './ids.ts';

export type Role = 'admin' | 'editor' | 'moderator';
export const roles: readonly Role[] = ['admin', 'editor', 'moderator'];

export interface Staff {
  readonly id: StaffId;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: Date;
}

/** How a staff member is named in the moderation log: `staff:ID:Name`. */
export const staffActor = (staff: Pick<Staff, 'id' | 'name'>): string => `staff:${staff.id}:${staff.name}`;

/** The parts of the admin area; each route belongs to one. */
export type AdminArea = 'dashboard' | 'comments' | 'articles' | 'settings' | 'staff';

const access: Record<Role, readonly AdminArea[]> = {
  admin: ['dashboard', 'comments', 'articles', 'settings', 'staff'],
  editor: ['dashboard', 'comments', 'articles'],
  moderator: ['dashboard', 'comments'],
};

export function canAccess(role: Role, area: AdminArea): boolean {
  return access[role].includes(area);
}

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (roles as readonly string[]).includes(v);

/** Passwords: long enough to resist guessing, short enough for a hash to stay cheap. */
export const minPasswordChars = 10;
export const maxPasswordChars = 200;
