// Sign in, sign out, and the session behind every admin request. Sessions live in the
// database (revocable); the cookie holds a random token whose SHA-256 is the key.

import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors.ts';
import { normalizeEmail } from '../domain/email.ts';
import type { Staff } from '../domain/staff.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import { decoyHash, verifyPassword } from './password.ts';
import type { SessionRecord, StaffStore } from './staff-store.ts';

export const sessionDays = 30;
// Throttling: an account locks after 5 failures in 15 minutes; an address after 20.
const windowMs = 15 * 60_000;
const maxFailuresPerAccount = 5;
const maxFailuresPerAddress = 20;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SignInDeps {
  readonly staff: StaffStore;
  readonly clock: Clock;
  readonly keyedHash: KeyedHash;
}

export function createSessions(deps: SignInDeps) {
  async function startSession(staff: Staff): Promise<{ token: string; session: SessionRecord }> {
    const now = deps.clock.now();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
    await deps.staff.createSession({ tokenHash: tokenHash(token), staffId: staff.id, csrfToken, createdAt: now, expiresAt });
    return { token, session: { staff, csrfToken, expiresAt } };
  }

  return {
    startSession,

    async signIn(input: { email: string; password: string; ip: string }) {
      const now = deps.clock.now();
      const email = normalizeEmail(input.email);
      const keys = [`account:${deps.keyedHash.hash('email', email)}`, `address:${deps.keyedHash.hash('ip', input.ip)}`] as const;
      const [byAccount, byAddress] = await Promise.all(keys.map((key) => deps.staff.failures({ key, now, windowMs })));
      if ((byAccount ?? 0) >= maxFailuresPerAccount || (byAddress ?? 0) >= maxFailuresPerAddress) throw new AppError('sign_in_throttled');
      const staff = await deps.staff.findByEmail(email);
      const ok = await verifyPassword(input.password, staff?.passwordHash ?? (await decoyHash));
      if (!staff || !ok) {
        await Promise.all(keys.map((key) => deps.staff.recordFailure({ key, now, windowMs })));
        throw new AppError('sign_in_failed');
      }
      await deps.staff.clearFailures(keys[0]);
      const { passwordHash: _, ...plain } = staff;
      return startSession(plain);
    },

    /** The session for a cookie token, or undefined when absent, unknown or expired. */
    async sessionFor(token: string | undefined): Promise<SessionRecord | undefined> {
      if (!token || token.length > 100) return undefined;
      return deps.staff.findSession({ tokenHash: tokenHash(token), now: deps.clock.now() });
    },

    async signOut(token: string | undefined): Promise<void> {
      if (token) await deps.staff.deleteSession(tokenHash(token));
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
