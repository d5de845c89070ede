// OwnCommentStore over Kysely: what a commenter's edit or deletion of their own comment reads
// and writes beyond CommentStore, for SQLite and PostgreSQL alike.

import { sql, type Kysely } from 'kysely';
import type { CommentStatus } from '../domain/comment.ts';
import type { CommentId } from '../domain/ids.ts';
import type { CheckReason } from '../domain/moderation.ts';
import type { OwnCommentState, OwnCommentStore } from '../comments/own-comment-store.ts';
import type { Database } from './schema.ts';

export class SqlOwnCommentStore implements OwnCommentStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async state(query: { id: CommentId; authorActor: string }): Promise<OwnCommentState> {
    const count = (n: unknown) => Number(n ?? 0);
    const [comment, edits, replies] = await Promise.all([
      this.#db.selectFrom('comments').select('deleted_at').where('id', '=', query.id).executeTakeFirst(),
      this.#db.selectFrom('comment_revisions').select(sql<number>`count(*)`.as('n')).where('comment_id', '=', query.id).where('replaced_by', '=', query.authorActor).executeTakeFirst(),
      this.#db.selectFrom('comments').select(sql<number>`count(*)`.as('n')).where('parent_id', '=', query.id).where('status', '=', 'approved').executeTakeFirst(),
    ]);
    const deletedAt = comment?.deleted_at ?? null;
    return { deletedAt: deletedAt === null ? null : new Date(Number(deletedAt)), authorEdits: count(edits?.n), approvedReplies: count(replies?.n) };
  }

  async setVerdict(query: { id: CommentId; status: CommentStatus; reasons: readonly CheckReason[]; at: Date }): Promise<void> {
    await this.#db
      .updateTable('comments')
      .set({ status: query.status, reasons: JSON.stringify(query.reasons), updated_at: query.at.getTime() })
      .where('id', '=', query.id)
      .execute();
  }

  async replaceWithPlaceholder(query: { id: CommentId; authorName: string; text: string; html: string; at: Date }): Promise<void> {
    const at = query.at.getTime();
    await this.#db
      .updateTable('comments')
      .set({ author_name: query.authorName, author_email: '', author_url: null, body_text: query.text, body_html: query.html, deleted_at: at, updated_at: at })
      .where('id', '=', query.id)
      .execute();
    // As erasure does: the earlier versions and the classifier's memory of the words go too.
    await this.#db.deleteFrom('comment_revisions').where('comment_id', '=', query.id).execute();
    await this.#db.deleteFrom('spam_training').where('comment_id', '=', query.id).execute();
  }

  async trashAsDeleted(query: { id: CommentId; at: Date }): Promise<void> {
    const at = query.at.getTime();
    await this.#db.updateTable('comments').set({ status: 'trash', deleted_at: at, updated_at: at }).where('id', '=', query.id).execute();
  }
}
