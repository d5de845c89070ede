// Opens the database named by the configuration and hands back Kysely, the dialect name and
// a way to learn of writes made by other processes (the shell, another instance).

import { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { createSqliteDialect } from './dialects/sqlite.ts';
import type { MigrationDialect } from './migrations/index.ts';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: MigrationDialect;
  /** True when another process has written since the last call (cheap; call per request). */
  readonly changedElsewhere: () => boolean;
  close(): Promise<void>;
}

export function openDatabase(databaseUrl: string): OpenDatabase {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL: PostgreSQL is not supported by this version yet; use a SQLite file path');
  }
  const filename = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  const { dialect, connection } = createSqliteDialect(filename);
  const db = new Kysely<Database>({ dialect });
  // PRAGMA data_version changes only when another connection commits: exactly "elsewhere".
  const dataVersion = connection.prepare('PRAGMA data_version').pluck();
  let lastVersion = dataVersion.get() as number;
  return {
    db,
    dialect: 'sqlite',
    changedElsewhere() {
      const v = dataVersion.get() as number;
      if (v === lastVersion) return false;
      lastVersion = v;
      return true;
    },
    close: () => db.destroy(),
  };
}
