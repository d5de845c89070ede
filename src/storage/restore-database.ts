// `dateline restore FILE`: a backup (from `dateline backup`) put back into an empty place.
// SQLite: the file is checked (integrity, and that it is a Dateline database) and copied into
// place; PostgreSQL: pg_restore into a database (or schema) that has no tables yet. Neither
// ever writes over an existing site.

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { isPostgresUrl, openDatabase } from './database.ts';

export class RestoreRefused extends Error {}

export async function restoreDatabase(databaseUrl: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new RestoreRefused(`${file} does not exist`);
  if (isPostgresUrl(databaseUrl)) await restorePostgres(databaseUrl, file);
  else restoreSqlite(databaseUrl.replace(/^sqlite:(\/\/)?/, ''), file);
}

function restoreSqlite(target: string, file: string): void {
  if (existsSync(target)) throw new RestoreRefused(`${target} exists: restore only into an empty data directory`);
  checkSqliteBackup(file);
  // Copied beside the target first, so a half-copied file never sits where the site looks.
  const partial = `${target}.restoring`;
  try {
    copyFileSync(file, partial);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

function checkSqliteBackup(file: string): void {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new RestoreRefused(`${file} is not a SQLite database (${(e as Error).message})`);
  }
  try {
    const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    if (integrity.join() !== 'ok') throw new RestoreRefused(`${file} fails its integrity check: ${integrity.slice(0, 3).join('; ')}`);
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name in ('kysely_migration', 'comments')").pluck().all();
    if (tables.length < 2) throw new RestoreRefused(`${file} is not a Dateline backup (no comments or migrations table)`);
  } catch (e) {
    if (e instanceof RestoreRefused) throw e;
    throw new RestoreRefused(`${file} cannot be read as a database (${(e as Error).message})`);
  } finally {
    db.close();
  }
}

async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  const database = openDatabase(databaseUrl);
  try {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema()`.execute(database.db);
    if (rows[0]!.n > 0) throw new RestoreRefused('the target database already has tables: restore only into an empty database');
  } finally {
    await database.close();
  }
  await pgRestore(databaseUrl, file);
}

/**
 * pg_restore in one transaction: all of the backup, or nothing. A site kept in a schema of its
 * own was dumped with its CREATE SCHEMA; the (empty) schema is already there, so that entry of
 * the table of contents is left out.
 */
async function pgRestore(databaseUrl: string, file: string): Promise<void> {
  const contents = await run('pg_restore', ['--list', file]);
  const dir = mkdtempSync(join(tmpdir(), 'dateline-restore-'));
  try {
    const list = join(dir, 'contents.list');
    writeFileSync(list, contents.split('\n').filter((line) => !/^\d+; \d+ \d+ SCHEMA /.test(line)).join('\n'));
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--use-list=${list}`, `--dbname=${databaseUrl}`, file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a PostgreSQL client program; resolves with its standard output. */
function run(program: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => reject(new Error(`${program} could not run (${e.message}); install the PostgreSQL client`)));
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new RestoreRefused(`${program} failed: ${stderr.trim().split('\n')[0]}`))));
  });
}
