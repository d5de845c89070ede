// The article editor: a byline (the staff member an article is by), tags, and every saved
// version of an article kept with who saved it and when. Frozen: never edit after merge.
// Staff ids carry no foreign key: `dateline copy` copies articles before staff, and an
// article or revision outlives the account that wrote it (the byline then shows no name).

import type { CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const id = <T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
    dialect === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await db.schema.alterTable('articles').addColumn('author_staff_id', 'integer').execute();

  await id(db.schema.createTable('tags'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .execute();

  await id(db.schema.createTable('article_tags'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('article_tags_once', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_by_tag').on('article_tags').columns(['tag_id', 'article_id']).execute();

  await id(db.schema.createTable('article_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('summary', 'text')
    .addColumn('body_markdown', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comments_open', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('author_staff_id', 'integer')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('saved_by_staff_id', 'integer')
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_revisions_by_article').on('article_revisions').columns(['article_id', 'id']).execute();

  // Articles published before revisions existed start their history with what they are now.
  await sql`insert into article_revisions (article_id, slug, title, section, summary, body_markdown, status, comments_open, published_at, author_staff_id, tags, saved_by, saved_by_staff_id, saved_at)
    select id, slug, title, section, summary, body_markdown, status, comments_open, published_at, null, '[]', 'before revisions were kept', null, updated_at from articles`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_revisions').execute();
  await db.schema.dropTable('article_tags').execute();
  await db.schema.dropTable('tags').execute();
  await db.schema.alterTable('articles').dropColumn('author_staff_id').execute();
}
