// StaffStore over Kysely: accounts, sessions, sign-in failures and the setup token.

import { sql, type Kysely, type Selectable } from 'kysely';
import { staffId, type StaffId } from '../domain/ids.ts';
import type { Role, Staff } from '../domain/staff.ts';
import type { SessionRecord, StaffStore, StaffWithHash } from '../accounts/staff-store.ts';
import type { Database, StaffTable } from './schema.ts';
import { translateDbError } from './translate-db-error.ts';

const setupKey = 'setup_token';

export class SqlStaffStore implements StaffStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(s: { email: string; name: string; role: Role; passwordHash: string; createdAt: Date }): Promise<Staff> {
    try {
      const row = await this.#db
        .insertInto('staff')
        .values({ email: s.email, name: s.name, role: s.role, password_hash: s.passwordHash, created_at: s.createdAt.getTime() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStaff(row);
    } catch (e) {
      throw translateDbError(e, 'email_taken');
    }
  }

  async findByEmail(email: string): Promise<StaffWithHash | undefined> {
    const row = await this.#db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
    return row && { ...toStaff(row), passwordHash: row.password_hash };
  }

  async findById(id: StaffId): Promise<Staff | undefined> {
    const row = await this.#db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toStaff(row);
  }

  async list(): Promise<Staff[]> {
    return (await this.#db.selectFrom('staff').selectAll().orderBy('id').execute()).map(toStaff);
  }

  async countAdmins(): Promise<number> {
    const row = await this.#db.selectFrom('staff').select(sql<number>`count(*)`.as('n')).where('role', '=', 'admin').executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async setPassword(q: { id: StaffId; passwordHash: string }): Promise<void> {
    await this.#db.updateTable('staff').set({ password_hash: q.passwordHash }).where('id', '=', q.id).execute();
  }

  async createSession(s: { tokenHash: string; staffId: StaffId; csrfToken: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.#db
      .insertInto('sessions')
      .values({ token_hash: s.tokenHash, staff_id: s.staffId, csrf_token: s.csrfToken, created_at: s.createdAt.getTime(), expires_at: s.expiresAt.getTime() })
      .execute();
  }

  async findSession(q: { tokenHash: string; now: Date }): Promise<SessionRecord | undefined> {
    const row = await this.#db
      .selectFrom('sessions as s')
      .innerJoin('staff as st', 'st.id', 's.staff_id')
      .selectAll('st')
      .select(['s.csrf_token', 's.expires_at'])
      .where('s.token_hash', '=', q.tokenHash)
      .where('s.expires_at', '>', q.now.getTime())
      .executeTakeFirst();
    return row && { staff: toStaff(row), csrfToken: row.csrf_token, expiresAt: new Date(Number(row.expires_at)) };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteSessionsOf(id: StaffId): Promise<void> {
    await this.#db.deleteFrom('sessions').where('staff_id', '=', id).execute();
  }

  async recordFailure(q: { key: string; now: Date; windowMs: number }): Promise<number> {
    const now = q.now.getTime();
    // A failure after the window starts a new window; otherwise it adds to the count.
    await this.#db
      .insertInto('sign_in_failures')
      .values({ key: q.key, failures: 1, first_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`case when sign_in_failures.first_at <= ${now - q.windowMs} then 1 else sign_in_failures.failures + 1 end`,
          first_at: sql`case when sign_in_failures.first_at <= ${now - q.windowMs} then ${now} else sign_in_failures.first_at end`,
        }),
      )
      .execute();
    return this.failures(q);
  }

  async failures(q: { key: string; now: Date; windowMs: number }): Promise<number> {
    const row = await this.#db
      .selectFrom('sign_in_failures')
      .select('failures')
      .where('key', '=', q.key)
      .where('first_at', '>', q.now.getTime() - q.windowMs)
      .executeTakeFirst();
    return row?.failures ?? 0;
  }

  async clearFailures(key: string): Promise<void> {
    await this.#db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
  }

  async savePasswordReset(q: { tokenHash: string; staffId: StaffId; expiresAt: Date }): Promise<void> {
    await this.#db.insertInto('password_resets').values({ token_hash: q.tokenHash, staff_id: q.staffId, expires_at: q.expiresAt.getTime() }).execute();
  }

  async findPasswordReset(q: { tokenHash: string; now: Date }): Promise<StaffId | undefined> {
    const row = await this.#db.selectFrom('password_resets').select('staff_id').where('token_hash', '=', q.tokenHash).where('expires_at', '>', q.now.getTime()).executeTakeFirst();
    return row ? staffId(row.staff_id) : undefined;
  }

  async takePasswordReset(q: { tokenHash: string; now: Date }): Promise<StaffId | undefined> {
    const id = await this.findPasswordReset(q);
    if (id === undefined) return undefined;
    // Deleting is the claim: of two tabs using one link, one wins.
    const result = await this.#db.deleteFrom('password_resets').where('token_hash', '=', q.tokenHash).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return undefined;
    await this.#db.deleteFrom('password_resets').where('staff_id', '=', id).execute();
    return id;
  }

  async saveSetupToken(q: { tokenHash: string; expiresAt: Date }): Promise<void> {
    const value = JSON.stringify({ hash: q.tokenHash, expiresAt: q.expiresAt.getTime() });
    await this.#db
      .insertInto('settings')
      .values({ key: setupKey, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async checkSetupToken(q: { tokenHash: string; now: Date }): Promise<boolean> {
    const row = await this.#db.selectFrom('settings').select('value').where('key', '=', setupKey).executeTakeFirst();
    if (!row) return false;
    const { hash, expiresAt } = JSON.parse(row.value) as { hash: string; expiresAt: number };
    return hash === q.tokenHash && expiresAt > q.now.getTime();
  }

  async takeSetupToken(q: { tokenHash: string; now: Date }): Promise<boolean> {
    if (!(await this.checkSetupToken(q))) return false;
    // Delete exactly the row we checked: of two concurrent takers, one deletes it.
    const value = (await this.#db.selectFrom('settings').select('value').where('key', '=', setupKey).executeTakeFirst())?.value;
    if (value === undefined) return false;
    const result = await this.#db.deleteFrom('settings').where('key', '=', setupKey).where('value', '=', value).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}

function toStaff(row: Selectable<StaffTable>): Staff {
  return { id: staffId(row.id), email: row.email, name: row.name, role: row.role as Role, createdAt: new Date(Number(row.created_at)) };
}
