// Imports and exports (WordPress WXR, Disqus, Dateline's JSON lines): which source item became
// which row (so a second run of the same file adds nothing), replies whose parent had not been
// read yet, the old addresses of imported articles (answered with a 301), and the kind of a
// comment (pingbacks and trackbacks come with WordPress sites). Frozen: never edit after merge.

import type { Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, _dialect: MigrationDialect): Promise<void> {
  await db.schema.alterTable('comments').addColumn('kind', 'text', (c) => c.notNull().defaultTo('comment')).execute();
  // Exports read each article's comments in id order, a page at a time.
  await db.schema.createIndex('comments_by_article_id').on('comments').columns(['article_id', 'id']).execute();

  // kind: wxr.post, wxr.comment, wxr.author, disqus.thread, disqus.post, json.article, …
  await db.schema
    .createTable('import_sources')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_sources_key', ['kind', 'source_id'])
    .execute();

  // Emptied at the end of every import: replies read before their parent.
  await db.schema
    .createTable('import_pending_parents')
    .addColumn('comment_id', 'integer', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_source_id', 'text', (c) => c.notNull())
    .execute();

  // path: the old address's path, plus `?p=N` or `?page_id=N` when it had one (domain/old-url.ts).
  await db.schema
    .createTable('old_urls')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('old_urls_by_article').on('old_urls').column('article_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('old_urls').execute();
  await db.schema.dropTable('import_pending_parents').execute();
  await db.schema.dropTable('import_sources').execute();
  await db.schema.dropIndex('comments_by_article_id').execute();
  await db.schema.alterTable('comments').dropColumn('kind').execute();
}
