// The storage the account use cases need. Implemented by storage/sql-staff-store.ts.

import type { StaffId } from '../domain/ids.ts';
import type { Role, Staff } from '../domain/staff.ts';

export interface StaffWithHash extends Staff {
  readonly passwordHash: string;
}

export interface SessionRecord {
  readonly staff: Staff;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface StaffStore {
  insert(staff: { email: string; name: string; role: Role; passwordHash: string; createdAt: Date }): Promise<Staff>; // Conflict if the email is taken
  findByEmail(email: string): Promise<StaffWithHash | undefined>;
  findById(id: StaffId): Promise<Staff | undefined>;
  list(): Promise<Staff[]>;
  countAdmins(): Promise<number>;
  setPassword(query: { id: StaffId; passwordHash: string }): Promise<void>;

  createSession(session: { tokenHash: string; staffId: StaffId; csrfToken: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** The live session with this token hash (not expired at `now`). */
  findSession(query: { tokenHash: string; now: Date }): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(staffId: StaffId): Promise<void>;

  /** Counts a failed sign-in under `key` in a window starting at the first failure; returns the count. */
  recordFailure(query: { key: string; now: Date; windowMs: number }): Promise<number>;
  failures(query: { key: string; now: Date; windowMs: number }): Promise<number>;
  clearFailures(key: string): Promise<void>;

  savePasswordReset(query: { tokenHash: string; staffId: StaffId; expiresAt: Date }): Promise<void>;
  /** The staff member a live reset token belongs to, without using it up. */
  findPasswordReset(query: { tokenHash: string; now: Date }): Promise<StaffId | undefined>;
  /** Uses the token up (and every other of that staff member); true when it was live. */
  takePasswordReset(query: { tokenHash: string; now: Date }): Promise<StaffId | undefined>;

  /** The first-admin setup token (its hash) and when it expires; one at a time. */
  saveSetupToken(query: { tokenHash: string; expiresAt: Date }): Promise<void>;
  /** Consumes the setup token if it matches and has not expired; true when it did. */
  takeSetupToken(query: { tokenHash: string; now: Date }): Promise<boolean>;
  checkSetupToken(query: { tokenHash: string; now: Date }): Promise<boolean>;
}
