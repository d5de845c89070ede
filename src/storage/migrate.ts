// Runs the static migration list with Kysely's Migrator, binding each to the dialect.
// On PostgreSQL the bookkeeping tables are looked for in the site's own schema (the first of
// its search_path): without that, Kysely finds another schema's tables in the same database
// and never creates its own. Kysely still lists the tables of every schema to see whether its
// own exist, and that listing fails if another schema is dropped at that moment (a shared
// database, tests): such a failure, before any migration ran, is tried again.

import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { migrations, type MigrationDialect } from './migrations/index.ts';

async function migratorFor(db: Kysely<any>, dialect: MigrationDialect): Promise<Migrator> {
  const bound: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(migrations)) {
    bound[name] = { up: (d) => m.up(d, dialect), down: (d) => m.down(d, dialect) };
  }
  const schema = dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  return new Migrator({ db, provider: { getMigrations: async () => bound }, ...(schema ? { migrationTableSchema: schema } : {}) });
}

const attempts = 5;

export async function migrateToLatest(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const result = await (await migratorFor(db, dialect)).migrateToLatest();
    if (attempt < attempts && dialect === 'postgres' && result.error && !result.results?.length && isConcurrentSchemaChange(result.error)) continue;
    return applied(result);
  }
}

/** PostgreSQL's "schema / relation does not exist", as a concurrent DROP SCHEMA makes it. */
const isConcurrentSchemaChange = (e: unknown): boolean => typeof e === 'object' && e !== null && 'code' in e && (e.code === '3F000' || e.code === '42P01');

export async function migrateDown(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  return applied(await (await migratorFor(db, dialect)).migrateDown());
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
