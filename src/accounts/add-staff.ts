// Adding a staff account (from the setup link, the admin area or the shell), and the
// one-time link that creates the first admin on a new site.

import { randomBytes } from 'node:crypto';
import { AppError, InvalidFields } from '../domain/errors.ts';
import { isEmail, normalizeEmail } from '../domain/email.ts';
import { isRole, maxPasswordChars, minPasswordChars, type Staff } from '../domain/staff.ts';
import type { Clock } from '../lib/clock.ts';
import { hashPassword } from './password.ts';
import { tokenHash } from './sign-in.ts';
import type { StaffStore } from './staff-store.ts';

export interface NewStaffInput {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly password: string;
  /** When given (forms), must equal `password`. */
  readonly passwordAgain?: string;
}

const setupLinkMs = 3_600_000; // the first-admin link works for one hour

/** Checks every field at once; the account as it will be stored, less the password hash. */
function validateNewStaff(input: NewStaffInput) {
    const errors: AppError[] = [];
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    if (!isEmail(email)) errors.push(new AppError('email_invalid', { field: 'email' }));
    if (name === '') errors.push(new AppError('name_required', { field: 'name' }));
    if (!isRole(input.role)) errors.push(new AppError('role_invalid', { field: 'role' }));
    if (input.password.length < minPasswordChars) errors.push(new AppError('password_too_short', { field: 'password' }));
    else if (input.password.length > maxPasswordChars) errors.push(new AppError('password_too_long', { field: 'password' }));
    else if (input.passwordAgain !== undefined && input.passwordAgain !== input.password) errors.push(new AppError('passwords_differ', { field: 'password_again' }));
    if (errors.length > 0) throw new InvalidFields(errors);
    return { email, name, role: input.role as Staff['role'], password: input.password };
}

export function createAddStaff(deps: { staff: StaffStore; clock: Clock }) {
  async function insert(valid: ReturnType<typeof validateNewStaff>): Promise<Staff> {
    try {
      return await deps.staff.insert({ email: valid.email, name: valid.name, role: valid.role, passwordHash: await hashPassword(valid.password), createdAt: deps.clock.now() });
    } catch (e) {
      if (e instanceof AppError && e.kind === 'Conflict') throw new InvalidFields([new AppError('email_taken', { field: 'email' })]);
      throw e;
    }
  }

  return {
    addStaff: (input: NewStaffInput) => insert(validateNewStaff(input)),

    /** A new setup link token when the site has no admin yet, else null. Replaces any older one. */
    async issueSetupToken(): Promise<string | null> {
      if ((await deps.staff.countAdmins()) > 0) return null;
      const token = randomBytes(24).toString('base64url');
      await deps.staff.saveSetupToken({ tokenHash: tokenHash(token), expiresAt: new Date(deps.clock.now().getTime() + setupLinkMs) });
      return token;
    },

    async isSetupTokenValid(token: string): Promise<boolean> {
      if ((await deps.staff.countAdmins()) > 0) return false;
      return deps.staff.checkSetupToken({ tokenHash: tokenHash(token), now: deps.clock.now() });
    },

    /** Creates the first admin with a valid setup token, used up atomically (two tabs make one admin). */
    async setUpFirstAdmin(token: string, input: Omit<NewStaffInput, 'role'>): Promise<Staff> {
      const valid = validateNewStaff({ ...input, role: 'admin' }); // a typo keeps the link usable
      if ((await deps.staff.countAdmins()) > 0 || !(await deps.staff.takeSetupToken({ tokenHash: tokenHash(token), now: deps.clock.now() }))) {
        throw new AppError('setup_token_invalid');
      }
      return insert(valid);
    },
  };
}

export type AddStaff = ReturnType<typeof createAddStaff>;
