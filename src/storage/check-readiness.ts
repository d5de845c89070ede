// Whether this instance can serve (/readyz): the database answers and has every migration this
// code knows. Two cheap queries, no catalog introspection (a probe runs every few seconds, and
// a catalog scan races with other schemas being dropped). Says why not, in a few words.

import { sql } from 'kysely';
import type { OpenDatabase } from './database.ts';
import { migrations } from './migrations/index.ts';
import { isConnectionLost } from './connection-lost.ts';

/** null when ready; otherwise the reason. */
export async function checkReadiness(database: OpenDatabase): Promise<string | null> {
  let applied: Set<string>;
  try {
    // Kysely's bookkeeping table, found through the search path (the site's schema on PostgreSQL).
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
    applied = new Set(rows.map((r) => r.name));
  } catch (e) {
    if (isConnectionLost(e)) return 'database unreachable';
    return `database error: ${(e as Error).message}`;
  }
  const pending = Object.keys(migrations).filter((name) => !applied.has(name));
  return pending.length === 0 ? null : `migrations pending: ${pending.join(', ')}`;
}
