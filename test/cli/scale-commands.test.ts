// The operator's commands for growing a site: backup (both dialects) and copy to PostgreSQL.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { seedArticlePath } from '../support/build-test-app.ts';
import { freshDatabaseUrl, postgresAvailable } from '../support/dialects.ts';
import { runCli, siteEnv } from '../support/server-process.ts';

const runPostgres = await postgresAvailable();

/** A SQLite site with the seed article and three comments, made through the shell and the form rules. */
function aSqliteSite(t: Parameters<typeof siteEnv>[0]) {
  const env = siteEnv(t, '', { LOG_LEVEL: 'silent' });
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  env.DATABASE_URL = '';
  assert.equal(runCli(env, 'publish', fileURLToPath(seedArticlePath)).code, 0);
  const db = new SQLite(join(env.DATELINE_DATA_DIR!, 'dateline.db'));
  const insert = db.prepare(
    `insert into comments (article_id, parent_id, author_name, author_email, author_url, author_ip, ip_hash, user_agent, body_text, body_html, status, reasons, created_at, updated_at)
     values (1, ?, ?, ?, null, '192.0.2.1', 'h', 'ua', ?, ?, ?, '[]', ?, ?)`,
  );
  insert.run(null, 'One', 'one@example.com', 'first', '<p>first</p>', 'approved', 1, 1);
  insert.run(1, 'Two', 'two@example.com', 'reply', '<p>reply</p>', 'approved', 2, 2);
  insert.run(null, 'Three', 'three@example.com', 'held', '<p>held</p>', 'pending', 3, 3);
  db.close();
  assert.equal(runCli(env, 'comments', 'approve', '3').code, 0); // one moderation log row
  return env;
}

describe('dateline backup', () => {
  it('writes a consistent copy of a SQLite site that opens with every row', (t) => {
    const env = aSqliteSite(t);
    const file = join(env.DATELINE_DATA_DIR!, 'backup.db');
    const r = runCli(env, 'backup', file);
    assert.equal(r.code, 0, r.err);
    const copy = new SQLite(file, { readonly: true });
    t.after(() => copy.close());
    assert.equal((copy.prepare('select count(*) n from comments').get() as { n: number }).n, 3);
    assert.equal((copy.prepare('select count(*) n from moderation_log').get() as { n: number }).n, 1);
    const again = runCli(env, 'backup', file);
    assert.notEqual(again.code, 0, 'never overwrites a file');
    assert.match(again.err, /exists/);
  });

  it('dumps a PostgreSQL site with pg_dump', { skip: runPostgres ? false : 'no PostgreSQL' }, async (t) => {
    const databaseUrl = await freshDatabaseUrl(t, 'postgres');
    const env = siteEnv(t, databaseUrl, { LOG_LEVEL: 'silent' });
    assert.equal(runCli(env, 'publish', fileURLToPath(seedArticlePath)).code, 0);
    const file = join(env.DATELINE_DATA_DIR!, 'site.dump');
    const r = runCli(env, 'backup', file);
    assert.equal(r.code, 0, r.err);
    assert.ok(existsSync(file) && statSync(file).size > 0);
    assert.equal(readFileSync(file).subarray(0, 5).toString(), 'PGDMP');
  });
});

describe('dateline copy --to postgres://…', { skip: runPostgres ? false : 'no PostgreSQL' }, () => {
  it('moves every row of a SQLite site into PostgreSQL, verified by counts, keeping ids and the secret', async (t) => {
    const env = aSqliteSite(t);
    const target = await freshDatabaseUrl(t, 'postgres');
    const r = runCli(env, 'copy', '--to', target);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /copied 1 articles, 3 comments, 1 moderation_log, .*counts verified/);

    const client = new pg.Client({ connectionString: target });
    await client.connect();
    t.after(() => client.end());
    const { rows } = await client.query('select id, parent_id, body_text, status from comments order by id');
    assert.deepEqual(rows, [
      { id: 1, parent_id: null, body_text: 'first', status: 'approved' },
      { id: 2, parent_id: 1, body_text: 'reply', status: 'approved' },
      { id: 3, parent_id: null, body_text: 'held', status: 'approved' },
    ]);
    const secret = readFileSync(join(env.DATELINE_DATA_DIR!, 'secret'), 'utf8').trim();
    assert.equal((await client.query(`select value from settings where key = 'secret'`)).rows[0]?.value, secret);

    // The site runs on PostgreSQL now: new rows get fresh ids after the copied ones.
    const pgEnv = { ...env, DATABASE_URL: target };
    const list = runCli(pgEnv, 'comments', 'list');
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /^3\tapproved/m);
    assert.equal(runCli(pgEnv, 'publish', fileURLToPath(seedArticlePath)).code, 0);
    await client.query(`insert into articles (slug, title, body_markdown, body_html, status, comments_open, published_at, created_at, updated_at) values ('next', 'Next', '', '', 'draft', 1, 0, 0, 0)`);
    assert.equal((await client.query(`select id from articles where slug = 'next'`)).rows[0]?.id, 2);

    const again = runCli(env, 'copy', '--to', target);
    assert.notEqual(again.code, 0);
    assert.match(again.err, /not empty/);
  });
});
