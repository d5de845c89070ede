// A commenter's own edits and deletions, and reader reports. Deleting marks the comment
// (`deleted_at`) so a copied cookie cannot bring it back; reports name their reader only by
// keyed hashes (site secret), never by IP. Frozen: never edit after merge.

import type { Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  await db.schema.alterTable('comments').addColumn('deleted_at', 'bigint').execute();

  const table = db.schema.createTable('comment_reports');
  await (dialect === 'postgres' ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    // Keyed hash of IP and user agent: one report per reader per comment.
    .addColumn('reader_hash', 'text', (c) => c.notNull())
    // Keyed hash of the IP's network (IPv4 /24, IPv6 /64): rate limits, and readers counted towards a hold.
    .addColumn('network_hash', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('comment_reports_one_per_reader').on('comment_reports').columns(['comment_id', 'reader_hash']).unique().execute();
  // The Reported tab: comments with unresolved reports.
  await db.schema.createIndex('comment_reports_open').on('comment_reports').columns(['resolved_at', 'comment_id']).execute();
  await db.schema.createIndex('comment_reports_by_network').on('comment_reports').columns(['network_hash', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_reports').execute();
  await db.schema.alterTable('comments').dropColumn('deleted_at').execute();
}
