// The local spam classifier: how many learned spam and approved comments contain each token
// (the row with the empty token counts the comments themselves), and what each moderated
// comment was learned as, with its tokens, so an undone decision is unlearned exactly.
// Frozen: never edit after merge.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('spam_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('spam', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ham', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('spam_training')
    .addColumn('comment_id', 'integer', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('tokens', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('spam_training').execute();
  await db.schema.dropTable('spam_tokens').execute();
}
