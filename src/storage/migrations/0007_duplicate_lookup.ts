// The duplicate check (same article, author email, parent, name and text) read every comment of
// a busy article: the bench showed posting slow down as an article filled. This index lets it
// read only that author's comments there. Frozen: never edit after merge.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_for_duplicates').on('comments').columns(['article_id', 'author_email', 'parent_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_for_duplicates').execute();
}
