// Migrations on each dialect: up from nothing, all the way down, and up again to the same
// schema; and the copy command knows every table the migrations make.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../../src/storage/database.ts';
import { migrateDown, migrateToLatest } from '../../src/storage/migrate.ts';
import { migrations } from '../../src/storage/migrations/index.ts';
import { copiedTables, isSearchIndexTable } from '../../src/storage/copy-database.ts';
import { freshDatabaseUrl, postgresAvailable, type DialectName } from '../support/dialects.ts';

const dialects: DialectName[] = ['sqlite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];

/** Our tables only: on PostgreSQL the introspection sees every schema, other tests' too. */
async function ourTables(db: Kysely<any>) {
  const { rows } = await sql<{ schema: string | null }>`select ${sql.raw(dialectOf(db) === 'postgres' ? 'current_schema()' : 'null')} as schema`.execute(db);
  const schema = rows[0]?.schema ?? undefined;
  return (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_') && (schema === undefined || t.schema === schema));
}

const dialectOf = (db: Kysely<any>) => (db.getExecutor().adapter.constructor.name.includes('Postgres') ? 'postgres' : 'sqlite');

async function schemaOf(db: Kysely<any>): Promise<string[]> {
  return (await ourTables(db))
    .flatMap((t) => t.columns.map((c) => `${t.name}.${c.name} ${c.dataType}${c.isNullable ? '' : ' not null'}${c.hasDefaultValue ? ' default' : ''}`))
    .sort();
}

for (const dialect of dialects) {
  describe(`${dialect}: migrations`, () => {
    it('go up from nothing, down to nothing, and up again to the same schema', async (t) => {
      const database = openDatabase(await freshDatabaseUrl(t, dialect));
      t.after(() => database.close());
      const applied = await migrateToLatest(database.db, database.dialect);
      assert.deepEqual(applied, Object.keys(migrations));
      const first = await schemaOf(database.db);
      assert.ok(first.some((c) => c.startsWith('comments.ip_truncated')));
      for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(database.db, database.dialect);
      assert.deepEqual(await schemaOf(database.db), []);
      await migrateToLatest(database.db, database.dialect);
      assert.deepEqual(await schemaOf(database.db), first);
      assert.deepEqual(await migrateToLatest(database.db, database.dialect), [], 'a second run applies nothing');
    });

    it('make only tables that `dateline copy` copies, besides the search indexes it rebuilds', async (t) => {
      const database = openDatabase(await freshDatabaseUrl(t, dialect));
      t.after(() => database.close());
      await migrateToLatest(database.db, database.dialect);
      const tables = (await ourTables(database.db)).map((x) => x.name).filter((name) => !isSearchIndexTable(name));
      assert.deepEqual(tables.sort(), [...copiedTables].sort());
    });
  });
}
