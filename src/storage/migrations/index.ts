// Every migration, in order. Each file receives the dialect and imports no app code.

import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial.ts';

export type MigrationDialect = 'sqlite' | 'postgres';

export interface DialectMigration {
  up(db: Kysely<any>, dialect: MigrationDialect): Promise<void>;
  down(db: Kysely<any>, dialect: MigrationDialect): Promise<void>;
}

export const migrations: Record<string, DialectMigration> = {
  '0001_initial': m0001,
};
