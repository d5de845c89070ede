// A long thread's shape (ids, parents, statuses, times, picks, reactions) read from the index
// alone: the article page reads the full rows of one page only. It replaces comments_by_article,
// whose columns it starts with. Frozen: never edit after merge.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_outline').on('comments').columns(['article_id', 'status', 'created_at', 'id', 'parent_id', 'featured_at', 'reaction_count']).execute();
  await db.schema.dropIndex('comments_by_article').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_by_article').on('comments').columns(['article_id', 'status', 'created_at', 'id']).execute();
  await db.schema.dropIndex('comments_outline').execute();
}
