// Opens the database named by the configuration — a SQLite file (the default) or PostgreSQL —
// and hands back Kysely plus the few things that differ by dialect: how a write transaction
// starts, how other processes' writes are noticed, how instances tell each other what
// changed, and how a backup is taken. Nothing outside storage/ sees which dialect it is.

import { spawn } from 'node:child_process';
import { Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';
import { createSqliteDialect } from './dialects/sqlite.ts';
import { createPostgresDialect } from './dialects/postgres.ts';
import type { MigrationDialect } from './migrations/index.ts';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: MigrationDialect;
  /** Runs `work` in a write transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing). */
  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** True when another process has written since the last call (SQLite; cheap, call per request). */
  changedElsewhere(): boolean;
  /** Sends a message to every other process on this database (PostgreSQL NOTIFY). */
  publish(message: string): Promise<void>;
  /** Receives other processes' messages; '*' means "anything may have changed" (after a reconnect). */
  subscribe(onMessage: (message: string) => void): Promise<void>;
  /** Writes a consistent copy of the whole database to `file`. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

const channel = 'dateline_events';
// NOTIFY payloads are limited to 8000 bytes; ours are a few hundred.
const maxPayloadBytes = 7900;

export function openDatabase(databaseUrl: string, options: { poolSize?: number } = {}): OpenDatabase {
  return isPostgresUrl(databaseUrl) ? openPostgres(databaseUrl, options) : openSqlite(databaseUrl);
}

function openSqlite(databaseUrl: string): OpenDatabase {
  const filename = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  const { dialect, connection, stopCheckpoints } = createSqliteDialect(filename);
  const db = new Kysely<Database>({ dialect });
  // PRAGMA data_version changes only when another connection commits: exactly "elsewhere".
  const dataVersion = connection.prepare('PRAGMA data_version').pluck();
  let lastVersion = dataVersion.get() as number;
  let checkedThisTurn = false;
  return {
    db,
    dialect: 'sqlite',
    transaction: (work) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (e) {
          if (connection.inTransaction) await sql`rollback`.execute(conn);
          throw e;
        }
      }),
    changedElsewhere() {
      // Asked by every page and comment POST: once per turn of the event loop is enough (the
      // pragma takes a read lock, as long as a small query), and requests read in the same turn
      // arrived together.
      if (checkedThisTurn) return false;
      checkedThisTurn = true;
      setImmediate(() => (checkedThisTurn = false));
      const v = dataVersion.get() as number;
      if (v === lastVersion) return false;
      lastVersion = v;
      return true;
    },
    publish: async () => undefined, // other processes notice through data_version
    subscribe: async () => undefined,
    async backup(file) {
      await connection.backup(file);
    },
    async close() {
      await stopCheckpoints();
      await db.destroy();
    },
  };
}

function openPostgres(databaseUrl: string, options: { poolSize?: number }): OpenDatabase {
  const handle = createPostgresDialect(databaseUrl, options);
  const db = new Kysely<Database>({ dialect: handle.dialect });
  const stops: (() => Promise<void>)[] = [];
  // Sites sharing one PostgreSQL database in different schemas must not hear each other.
  let channelName: Promise<string> | undefined;
  const channelFor = () =>
    (channelName ??= schemaOf(db).then((schema) => (schema !== 'public' ? `${channel}_${schema}` : channel)));
  return {
    db,
    dialect: 'postgres',
    transaction: (work) => db.transaction().execute(work),
    changedElsewhere: () => false, // told through LISTEN/NOTIFY instead
    async publish(message) {
      if (Buffer.byteLength(message) > maxPayloadBytes) message = '*';
      await sql`select pg_notify(${await channelFor()}, ${message})`.execute(db);
    },
    async subscribe(onMessage) {
      stops.push(await handle.listen(await channelFor(), onMessage));
    },
    // A site kept in a schema of its own (not public) is dumped alone.
    async backup(file) {
      const schema = await schemaOf(db);
      await pgDump(databaseUrl, file, schema === 'public' ? null : schema);
    },
    async close() {
      for (const stop of stops) await stop();
      await db.destroy();
    },
  };
}

async function schemaOf(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}

/** PostgreSQL backups are pg_dump's custom format (restore with pg_restore). */
function pgDump(databaseUrl: string, file: string, schema: string | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['--format=custom', `--file=${file}`, `--dbname=${databaseUrl}`, ...(schema ? [`--schema=${schema}`] : [])];
    const child = spawn('pg_dump', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => reject(new Error(`pg_dump could not run (${e.message}); install the PostgreSQL client`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump failed: ${stderr.trim().split('\n')[0]}`))));
  });
}
