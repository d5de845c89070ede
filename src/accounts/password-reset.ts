// Forgotten passwords: a one-hour, one-use link sent to the staff member's email (the link and
// its mail are written in one transaction). Asking never reveals whether an account exists;
// using the link signs out every session of that account.

import { randomBytes } from 'node:crypto';
import { AppError, InvalidFields } from '../domain/errors.ts';
import { normalizeEmail } from '../domain/email.ts';
import { maxPasswordChars, minPasswordChars } from '../domain/staff.ts';
import type { Clock } from '../lib/clock.ts';
import type { Transact } from '../lib/transact.ts';
import { link, text } from '../notify/mail-content.ts';
import type { Notifications } from '../notify/notifications.ts';
import type { OutboxStore } from '../notify/outbox-store.ts';
import { hashPassword } from './password.ts';
import { tokenHash } from './sign-in.ts';
import type { StaffStore } from './staff-store.ts';

const linkMs = 3_600_000; // a reset link works for one hour

export interface PasswordResetDeps {
  readonly staff: StaffStore;
  readonly transact: Transact<{ staff: StaffStore; outbox: OutboxStore }>;
  readonly notifications: Pick<Notifications, 'queue'>;
  readonly clock: Clock;
  readonly siteName: string;
}

export function createPasswordReset(deps: PasswordResetDeps) {
  return {
    /** Sends a link if `email` belongs to staff; says nothing either way. */
    async requestReset(input: { email: string; linkBase: string }): Promise<void> {
      const staff = await deps.staff.findByEmail(normalizeEmail(input.email));
      if (!staff) return;
      const token = randomBytes(32).toString('base64url');
      await deps.transact(async ({ staff: staffStore, outbox }) => {
        await staffStore.savePasswordReset({ tokenHash: tokenHash(token), staffId: staff.id, expiresAt: new Date(deps.clock.now().getTime() + linkMs) });
        await deps.notifications.queue(outbox, {
          kind: 'password_reset',
          to: staff.email,
          subject: 'Set a new password',
          body: {
            blocks: [
              text(`Hello ${staff.name},`),
              text(`Someone (we hope you) asked to set a new password for your ${deps.siteName} account. Open this link within the hour to choose one; it works once:`),
              link('Choose a new password', `${input.linkBase}/admin/password-reset/${token}`),
              text('If you did not ask, ignore this mail: your password stays as it is.'),
            ],
            footer: [text(`Sent by ${deps.siteName} because a new password was asked for this address.`)],
          },
          unsubscribe: null,
        });
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
