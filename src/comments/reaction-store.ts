// The storage reactions need. Implemented by storage/sql-reaction-store.ts. Every method keeps
// comments.reaction_count equal to the comment's rows, inside the caller's transaction.

import type { CommentId } from '../domain/ids.ts';

export interface ReactionStore {
  /** Whether this reader's reaction to the comment is counted. */
  has(query: { commentId: CommentId; readerKey: string }): Promise<boolean>;
  /** Counts the reader's reaction (once: a second add changes nothing); the comment's count after. */
  add(query: { commentId: CommentId; readerKey: string; networkKey: string; at: Date }): Promise<number>;
  /** Takes the reader's reaction back (if it was counted); the comment's count after. */
  remove(query: { commentId: CommentId; readerKey: string }): Promise<number>;
  /** Reactions added since `since` from one address: what the hourly cap counts. */
  countAddedSince(query: { networkKey: string; since: Date }): Promise<number>;
}
