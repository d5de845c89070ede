// Prepared queries (storage/prepared-query.ts), on each dialect: built once, then run with the
// values given each time, inside and outside a transaction; constants stay constants.

import { describe, it, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type OpenDatabase } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { preparedQuery } from '../../src/storage/prepared-query.ts';
import { freshDatabaseUrl, postgresAvailable, type DialectName } from '../support/dialects.ts';

const dialects: DialectName[] = ['sqlite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];

let built = 0;
const insertSetting = preparedQuery<{ key: string; value: string }, never>(['key', 'value'], (db, v) => {
  built++;
  return db.insertInto('settings').values({ key: v.key, value: v.value });
});
// 'x-%' is a constant of the query, not a placeholder: it must be sent as it was written.
const settingsLike = preparedQuery<{ after: string }, { key: string; value: string }>(['after'], (db, v) =>
  db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'x-%').where('key', '>', v.after).orderBy('key'),
);

for (const dialect of dialects) {
  describe(`${dialect}: prepared queries`, () => {
    let database: OpenDatabase;
    const cleanups: (() => unknown)[] = [];
    const t = { after: (fn: () => unknown) => void cleanups.push(fn) } as Pick<TestContext, 'after'>;

    before(async () => {
      database = openDatabase(await freshDatabaseUrl(t, dialect));
      await migrateToLatest(database.db, database.dialect);
    });
    after(async () => {
      await database.close();
      for (const fn of cleanups.reverse()) await fn();
    });

    it('runs with the values of each call, built once, in and out of a transaction', async () => {
      const before = built;
      await insertSetting(database.db, { key: 'x-1', value: 'one' });
      await insertSetting(database.db, { key: 'x-2', value: 'two' });
      await database.transaction((trx) => insertSetting(trx, { key: 'x-3', value: 'three' }));
      await insertSetting(database.db, { key: 'y-1', value: 'not like x-%' });
      assert.ok(built - before <= 1, 'built at most once more (once per dialect in all)');
      const { rows } = await settingsLike(database.db, { after: 'x-1' });
      assert.deepEqual(rows, [{ key: 'x-2', value: 'two' }, { key: 'x-3', value: 'three' }]);
      assert.deepEqual((await settingsLike(database.db, { after: '' })).rows.map((r) => r.key), ['x-1', 'x-2', 'x-3']);
    });

    it('refuses a query whose SQL does not use every named value', async () => {
      const careless = preparedQuery<{ key: string; unused: string }, { key: string }>(['key', 'unused'], (db, v) => db.selectFrom('settings').select('key').where('key', '=', v.key));
      await assert.rejects(async () => careless(database.db, { key: 'x-1', unused: '' }), /does not use unused/);
    });
  });
}
