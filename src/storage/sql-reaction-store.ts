// ReactionStore over Kysely, for SQLite and PostgreSQL alike. The unique (comment, reader) row
// decides whether the counter moves, so a double submission never counts twice.

import type { Kysely } from 'kysely';
import type { CommentId } from '../domain/ids.ts';
import type { ReactionStore } from '../comments/reaction-store.ts';
import type { Database } from './schema.ts';

export class SqlReactionStore implements ReactionStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async has(query: { commentId: CommentId; readerKey: string }): Promise<boolean> {
    const row = await this.#db
      .selectFrom('comment_reactions')
      .select('comment_id')
      .where('comment_id', '=', query.commentId)
      .where('reader_key', '=', query.readerKey)
      .executeTakeFirst();
    return row !== undefined;
  }

  async add(query: { commentId: CommentId; readerKey: string; networkKey: string; at: Date }): Promise<number> {
    const inserted = await this.#db
      .insertInto('comment_reactions')
      .values({ comment_id: query.commentId, reader_key: query.readerKey, network_key: query.networkKey, created_at: query.at.getTime() })
      .onConflict((oc) => oc.columns(['comment_id', 'reader_key']).doNothing())
      .executeTakeFirst();
    return this.#move(query.commentId, Number(inserted.numInsertedOrUpdatedRows ?? 0n));
  }

  async remove(query: { commentId: CommentId; readerKey: string }): Promise<number> {
    const deleted = await this.#db
      .deleteFrom('comment_reactions')
      .where('comment_id', '=', query.commentId)
      .where('reader_key', '=', query.readerKey)
      .executeTakeFirst();
    return this.#move(query.commentId, -Number(deleted.numDeletedRows));
  }

  async countAddedSince(query: { networkKey: string; since: Date }): Promise<number> {
    const row = await this.#db
      .selectFrom('comment_reactions')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('network_key', '=', query.networkKey)
      .where('created_at', '>=', query.since.getTime())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Moves the counter by `delta` (0: reads it) and returns it. */
  async #move(id: CommentId, delta: number): Promise<number> {
    const row = await this.#db
      .updateTable('comments')
      .set((eb) => ({ reaction_count: eb('reaction_count', '+', delta) }))
      .where('id', '=', id)
      .returning('reaction_count')
      .executeTakeFirst();
    return Number(row?.reaction_count ?? 0);
  }
}
