// ApiTokenStore over Kysely: personal API tokens by their SHA-256, with their owner's current role.

import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenStore } from '../accounts/api-token-store.ts';
import { isApiScope, type ApiScope, type ApiToken } from '../domain/api-token.ts';
import { staffId, type StaffId } from '../domain/ids.ts';
import type { Role } from '../domain/staff.ts';
import type { ApiTokensTable, Database } from './schema.ts';

export class SqlApiTokenStore implements ApiTokenStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(t: { staffId: StaffId; name: string; tokenHash: string; prefix: string; scopes: readonly ApiScope[]; createdAt: Date }): Promise<ApiToken> {
    const row = await this.#db
      .insertInto('api_tokens')
      .values({ staff_id: t.staffId, name: t.name, token_hash: t.tokenHash, prefix: t.prefix, scopes: t.scopes.join(' '), created_at: t.createdAt.getTime(), last_used_at: null, revoked_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toApiToken(row);
  }

  async list(q: { staffId?: StaffId }): Promise<ApiToken[]> {
    let query = this.#db.selectFrom('api_tokens').selectAll();
    if (q.staffId !== undefined) query = query.where('staff_id', '=', q.staffId);
    return (await query.orderBy('id', 'desc').execute()).map(toApiToken);
  }

  async findById(id: number): Promise<ApiToken | undefined> {
    const row = await this.#db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toApiToken(row);
  }

  async findLive(tokenHash: string) {
    const row = await this.#db
      .selectFrom('api_tokens as t')
      .innerJoin('staff as s', 's.id', 't.staff_id')
      .selectAll('t')
      .select(['s.email as staff_email', 's.name as staff_name', 's.role as staff_role', 's.created_at as staff_created_at'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const staff = { id: staffId(row.staff_id), email: row.staff_email, name: row.staff_name, role: row.staff_role as Role, createdAt: new Date(Number(row.staff_created_at)) };
    return { token: toApiToken(row), staff };
  }

  async touch(q: { id: number; at: Date; minIntervalMs: number }): Promise<void> {
    const at = q.at.getTime();
    await this.#db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', q.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at - q.minIntervalMs)]))
      .execute();
  }

  async revoke(q: { id: number; at: Date }): Promise<boolean> {
    const result = await this.#db.updateTable('api_tokens').set({ revoked_at: q.at.getTime() }).where('id', '=', q.id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  const ms = (v: number | null) => (v === null ? null : new Date(Number(v)));
  return {
    id: Number(row.id),
    staffId: staffId(row.staff_id),
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.split(' ').filter(isApiScope),
    createdAt: new Date(Number(row.created_at)),
    lastUsedAt: ms(row.last_used_at),
    revokedAt: ms(row.revoked_at),
  };
}
