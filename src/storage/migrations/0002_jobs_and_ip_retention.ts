// Background job bookkeeping (so a job runs once across instances) and the flag that says a
// comment's IP has been reduced to its network. Frozen: never edit after merge.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_started_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('comments').addColumn('ip_truncated', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('comments_by_ip_retention').on('comments').columns(['ip_truncated', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_by_ip_retention').execute();
  await db.schema.alterTable('comments').dropColumn('ip_truncated').execute();
  await db.schema.dropTable('job_runs').execute();
}
