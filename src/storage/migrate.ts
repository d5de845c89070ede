// Runs the static migration list with Kysely's Migrator, binding each to the dialect.
// On PostgreSQL the bookkeeping tables are looked for in the site's own schema (the first of
// its search_path): without that, Kysely finds another schema's tables in the same database
// and never creates its own.

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

export async function migrateToLatest(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  return applied(await (await migratorFor(db, dialect)).migrateToLatest());
}

export async function migrateDown(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  return applied(await (await migratorFor(db, dialect)).migrateDown());
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
