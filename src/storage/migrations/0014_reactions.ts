// Reactions: one positive reaction per reader per comment. comments.reaction_count keeps the
// total so a page reads it with the comment; comment_reactions holds one row per reader (a
// keyed hash, never an IP) for uniqueness and toggling, with a keyed hash of the reader's
// network for the hourly cap. Frozen: never edit after merge.

import type { Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, _dialect: MigrationDialect): Promise<void> {
  await db.schema.alterTable('comments').addColumn('reaction_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('comment_reactions')
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reader_key', 'text', (c) => c.notNull())
    .addColumn('network_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reactions_pk', ['comment_id', 'reader_key'])
    .execute();
  // The cap: reactions added from one network in the last hour.
  await db.schema.createIndex('comment_reactions_by_network').on('comment_reactions').columns(['network_key', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_reactions').execute();
  await db.schema.alterTable('comments').dropColumn('reaction_count').execute();
}
