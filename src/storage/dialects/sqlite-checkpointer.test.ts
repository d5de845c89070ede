import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase } from '../database.ts';

async function until(what: string, condition: () => boolean, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`waited ${deadlineMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('copies committed writes into the database file from a worker, never in the committing connection', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-checkpoint-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'site.db');
  const database = openDatabase(file);
  await sql`create table notes (body text not null)`.execute(database.db);
  const before = statSync(file).size;
  // About 4 MB in 200 commits: past SQLite's own 1,000-page checkpoint point several times over.
  for (let i = 0; i < 200; i++) {
    await database.transaction((trx) => sql`insert into notes (body) values (${'x'.repeat(20_000)})`.execute(trx));
  }
  // The server's connection does not checkpoint (wal_autocheckpoint = 0): only the worker can grow the file.
  assert.equal((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db)).rows[0]?.wal_autocheckpoint, 0);
  await until('the database file to hold the notes', () => statSync(file).size > before + 3_000_000);
  await database.close();
  // Closed cleanly, the last connection folded the log in and removed it.
  assert.equal(existsSync(`${file}-wal`), false);
});
