// Per-commenter rules (ban, always pre-moderate), featured comments, staff replies and edits
// that keep the original text. Frozen: never edit after merge.

import type { CreateTableBuilder, Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const id = <T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
    dialect === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('commenter_rules'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email_hash', 'text')
    .addColumn('ip_range', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('source_comment_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commenter_rules_by_email').on('commenter_rules').column('email_hash').execute();

  // The queue filtered by article pages by id: without this it sorts every match.
  await db.schema.createIndex('comments_queue_by_article').on('comments').columns(['article_id', 'status', 'id']).execute();
  await db.schema.alterTable('comments').addColumn('featured_at', 'bigint').execute();
  await db.schema.alterTable('comments').addColumn('edited_at', 'bigint').execute();
  await db.schema.alterTable('comments').addColumn('staff_id', 'integer').execute();

  await id(db.schema.createTable('comment_revisions'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comment_revisions_by_comment').on('comment_revisions').column('comment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_revisions').execute();
  await db.schema.dropIndex('comments_queue_by_article').execute();
  await db.schema.alterTable('comments').dropColumn('staff_id').execute();
  await db.schema.alterTable('comments').dropColumn('edited_at').execute();
  await db.schema.alterTable('comments').dropColumn('featured_at').execute();
  await db.schema.dropTable('commenter_rules').execute();
}
