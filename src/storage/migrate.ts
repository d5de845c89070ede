// Runs the static migration list with Kysely's Migrator, binding each to the dialect.

import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { migrations, type MigrationDialect } from './migrations/index.ts';

function migratorFor(db: Kysely<any>, dialect: MigrationDialect): Migrator {
  const bound: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(migrations)) {
    bound[name] = { up: (d) => m.up(d, dialect), down: (d) => m.down(d, dialect) };
  }
  return new Migrator({ db, provider: { getMigrations: async () => bound } });
}

export async function migrateToLatest(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  return applied(await migratorFor(db, dialect).migrateToLatest());
}

export async function migrateDown(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  return applied(await migratorFor(db, dialect).migrateDown());
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
