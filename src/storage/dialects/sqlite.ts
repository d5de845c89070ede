// The SQLite side of the storage seam: better-sqlite3 with the pragmas that make an
// acknowledged comment durable (WAL + synchronous=FULL) and keep references honest.

import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { startCheckpointer } from './sqlite-checkpointer.ts';

export interface SqliteHandle {
  readonly dialect: SqliteDialect;
  readonly connection: SQLite.Database;
  /** Stops the checkpoint worker, if one runs; call before closing the dialect. */
  readonly stopCheckpoints: () => Promise<void>;
}

export function createSqliteDialect(filename: string): SqliteHandle {
  const connection = new SQLite(filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  const checkpointer = startCheckpointer(connection, filename);
  return { dialect: new SqliteDialect({ database: cachingStatements(connection) }), connection, stopCheckpoints: async () => checkpointer?.stop() };
}

/** Statements kept for reuse: Kysely's SQLite driver prepares every query again otherwise. */
const maxCachedStatements = 500;

function cachingStatements(connection: SQLite.Database): { close(): void; prepare(sql: string): SQLite.Statement } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      connection.close();
    },
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = connection.prepare(sql);
        // Queries built with a varying number of parameters (IN lists) must not grow this forever.
        if (statements.size >= maxCachedStatements) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** SQLite error codes that mean "a unique constraint refused the write". */
export const isSqliteUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');

export const isSqliteBusy = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && (e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_LOCKED');
