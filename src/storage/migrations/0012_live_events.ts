// Live updates: a durable, ordered log of public changes to comments, read by every instance
// to feed its open Server-Sent Event streams and to resume a reconnecting one from
// Last-Event-ID. Rows are pruned after a day. Frozen: never edit after merge.

import type { Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const table = db.schema.createTable('live_events');
  await (dialect === 'postgres' ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  // A reconnecting stream reads one article's events after an id.
  await db.schema.createIndex('live_events_by_article').on('live_events').columns(['article_id', 'id']).execute();
  await db.schema.createIndex('live_events_by_time').on('live_events').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_events').execute();
}
