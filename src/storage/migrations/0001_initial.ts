// Articles, comments, the moderation log and settings. Frozen: never edit after merge.

import type { CreateTableBuilder, Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const id = <T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  const ms = 'bigint';

  await id(db.schema.createTable('articles'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('summary', 'text')
    .addColumn('body_markdown', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comments_open', 'integer', (c) => c.notNull())
    .addColumn('published_at', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('articles_by_published').on('articles').columns(['status', 'published_at']).execute();

  await id(db.schema.createTable('comments'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('author_url', 'text')
    .addColumn('author_ip', 'text', (c) => c.notNull())
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_by_article').on('comments').columns(['article_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('comments_by_status').on('comments').columns(['status', 'id']).execute();
  await db.schema.createIndex('comments_by_email').on('comments').columns(['author_email', 'created_at']).execute();
  await db.schema.createIndex('comments_by_ip_hash').on('comments').columns(['ip_hash', 'created_at']).execute();
  await db.schema.createIndex('comments_by_parent').on('comments').column('parent_id').execute();

  await id(db.schema.createTable('moderation_log'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moderation_log_by_comment').on('moderation_log').columns(['comment_id', 'at']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('settings').execute();
  await db.schema.dropTable('moderation_log').execute();
  await db.schema.dropTable('comments').execute();
  await db.schema.dropTable('articles').execute();
}
