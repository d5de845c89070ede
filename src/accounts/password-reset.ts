// Forgotten passwords: a one-hour, one-use link sent to the staff member's email. Asking never
// reveals whether an account exists; using the link signs out every session of that account.

import { randomBytes } from 'node:crypto';
import { AppError, InvalidFields } from '../domain/errors.ts';
import { normalizeEmail } from '../domain/email.ts';
import { maxPasswordChars, minPasswordChars } from '../domain/staff.ts';
import type { Clock } from '../lib/clock.ts';
import type { Mailer } from '../notify/mailer.ts';
import { hashPassword } from './password.ts';
import { tokenHash } from './sign-in.ts';
import type { StaffStore } from './staff-store.ts';

const linkMs = 3_600_000; // a reset link works for one hour

export function createPasswordReset(deps: { staff: StaffStore; mailer: Mailer; clock: Clock; siteName: string }) {
  return {
    /** Sends a link if `email` belongs to staff; says nothing either way. */
    async requestReset(input: { email: string; linkBase: string }): Promise<void> {
      const staff = await deps.staff.findByEmail(normalizeEmail(input.email));
      if (!staff) return;
      const token = randomBytes(32).toString('base64url');
      await deps.staff.savePasswordReset({ tokenHash: tokenHash(token), staffId: staff.id, expiresAt: new Date(deps.clock.now().getTime() + linkMs) });
      await deps.mailer.send({
        to: staff.email,
        subject: `[${deps.siteName}] Set a new password`,
        text: [
          `Hello ${staff.name},`,
          '',
          `Someone (we hope you) asked to set a new password for your ${deps.siteName} account.`,
          'Open this link within the hour to choose one; it works once:',
          '',
          `${input.linkBase}/admin/password-reset/${token}`,
          '',
          'If you did not ask, ignore this mail: your password stays as it is.',
        ].join('\n'),
      });
    },

    async isLinkValid(token: string): Promise<boolean> {
      return (await deps.staff.findPasswordReset({ tokenHash: tokenHash(token), now: deps.clock.now() })) !== undefined;
    },

    /** Sets the new password and signs the account out everywhere. */
    async resetPassword(input: { token: string; password: string; passwordAgain: string }): Promise<void> {
      const errors: AppError[] = [];
      if (input.password.length < minPasswordChars) errors.push(new AppError('password_too_short', { field: 'password' }));
      else if (input.password.length > maxPasswordChars) errors.push(new AppError('password_too_long', { field: 'password' }));
      else if (input.password !== input.passwordAgain) errors.push(new AppError('passwords_differ', { field: 'password_again' }));
      if (errors.length > 0) throw new InvalidFields(errors);
      const id = await deps.staff.takePasswordReset({ tokenHash: tokenHash(input.token), now: deps.clock.now() });
      if (id === undefined) throw new AppError('reset_link_invalid');
      await deps.staff.setPassword({ id, passwordHash: await hashPassword(input.password) });
      await deps.staff.deleteSessionsOf(id);
    },
  };
}

export type PasswordReset = ReturnType<typeof createPasswordReset>;
