// Backup and restore: `dateline backup` taken while comments pour in is a consistent copy
// (integrity ok, every comment acknowledged before it started is in it), and `dateline restore`
// into an empty place gives the same content, which a server then serves. Restore refuses to
// write over a site. Both dialects (this file names them).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/storage/database.ts';
import { freshDatabaseUrl, postgresAvailable, postgresUrl, type DialectName } from '../support/dialects.ts';
import { siteEnv, startServer, waitFor } from '../support/server-process.ts';
import { assertNothingLost, commentLoad, longRun, pageCommentCount, prepareLoadSite, runCliAsync } from '../support/reliability.ts';

const runPostgres = await postgresAvailable();

/** Every comment, ordered: what "the same content" is compared on. */
async function contentOf(databaseUrl: string): Promise<string[]> {
  const database = openDatabase(databaseUrl);
  try {
    const rows = await database.db.selectFrom('comments').select(['id', 'article_id', 'parent_id', 'status', 'body_text', 'created_at']).orderBy('id').execute();
    return rows.map((r) => JSON.stringify(r));
  } finally {
    await database.close();
  }
}

/** Empties a PostgreSQL site's schema (the search_path in its URL), as a new database would be. */
async function emptySchema(databaseUrl: string): Promise<void> {
  const schema = /search_path=(\w+)/.exec(decodeURIComponent(databaseUrl))![1]!;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`drop schema ${schema} cascade; create schema ${schema}`);
  } finally {
    await client.end();
  }
}

for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
  const skip = dialect === 'postgres' && !runPostgres ? 'PostgreSQL does not answer (CI requires it)' : false;
  describe(`${dialect}: backup and restore`, { skip }, () => {
    it('backs up a consistent copy under write load, and restores the same content into an empty place only', async (t) => {
      const databaseUrl = await freshDatabaseUrl(t, dialect);
      const env = await prepareLoadSite(t, databaseUrl);
      const server = await startServer(t, env);
      const backups = mkdtempSync(join(tmpdir(), 'dateline-backups-'));
      t.after(() => rmSync(backups, { recursive: true, force: true }));

      const load = commentLoad(() => [server.url], { concurrency: 8, label: `${dialect} backup` });
      t.after(() => load.stop());
      await waitFor('comments pouring in', () => load.acknowledged.size >= (longRun ? 500 : 30), 60_000);
      const ackedBeforeBackup = new Map(load.acknowledged);
      const underLoad = join(backups, 'under-load.backup');
      const taken = await runCliAsync(env, 'backup', underLoad);
      assert.equal(taken.code, 0, taken.err);
      const ackedDuringBackup = load.acknowledged.size - ackedBeforeBackup.size;
      await load.stop();
      await server.kill('SIGTERM');
      const quiet = join(backups, 'quiet.backup');
      assert.equal((await runCliAsync(env, 'backup', quiet)).code, 0);
      const original = await contentOf(databaseUrl);

      const refused = await runCliAsync(env, 'restore', quiet);
      assert.notEqual(refused.code, 0, 'restore refuses to write over a site');
      assert.match(refused.err, /exists|already has tables/);

      // Into an empty place: a new data directory (SQLite), the emptied schema (PostgreSQL).
      const restoreInto = async (file: string) => {
        const target = dialect === 'sqlite' ? join(mkdtempSync(join(tmpdir(), 'dateline-restored-')), 'dateline.db') : databaseUrl;
        if (dialect === 'sqlite') t.after(() => rmSync(join(target, '..'), { recursive: true, force: true }));
        else await emptySchema(target);
        const restoredEnv = { ...siteEnv(t, target), DATELINE_SECRET: env.DATELINE_SECRET ?? '' };
        const restored = await runCliAsync(restoredEnv, 'restore', file);
        assert.equal(restored.code, 0, restored.err);
        return { target, restoredEnv };
      };

      const fromQuiet = await restoreInto(quiet);
      assert.deepEqual(await contentOf(fromQuiet.target), original, 'the restored site has the same comments');
      const approved = await assertNothingLost(fromQuiet.target, load.acknowledged, dialect);
      const restoredServer = await startServer(t, fromQuiet.restoredEnv);
      assert.equal(await pageCommentCount(restoredServer.url), approved, 'the restored site serves them');
      await restoredServer.kill('SIGTERM');

      const fromLoad = await restoreInto(underLoad);
      await assertNothingLost(fromLoad.target, ackedBeforeBackup, dialect);
      const inBackup = await contentOf(fromLoad.target);
      assert.ok(inBackup.every((row) => original.includes(row)), 'the backup under load holds only rows the site had');
      t.diagnostic(`${dialect}: backup under load held ${inBackup.length} comments (${ackedBeforeBackup.size} acknowledged before it started, all present; ${ackedDuringBackup} more acknowledged while it ran); restored content identical`);
    });
  });
}
