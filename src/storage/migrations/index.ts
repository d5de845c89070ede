// Every migration, in order. Each file receives the dialect and imports no app code.

import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_jobs_and_ip_retention.ts';

export type MigrationDialect = 'sqlite' | 'postgres';

export interface DialectMigration {
  up(db: Kysely<any>, dialect: MigrationDialect): Promise<void>;
  down(db: Kysely<any>, dialect: MigrationDialect): Promise<void>;
}

export const migrations: Record<string, DialectMigration> = {
  '0001_initial': m0001,
  '0002_jobs_and_ip_retention': m0002,
};
