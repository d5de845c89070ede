// The storage a commenter's edits and deletions of their own comment need, beside CommentStore.
// Implemented by storage/sql-own-comment-store.ts.

import type { CommentId } from '../domain/ids.ts';
import type { CheckReason } from '../domain/moderation.ts';
import type { CommentStatus } from '../domain/comment.ts';

export interface OwnCommentState {
  /** When its author deleted it, if they did (a copied cookie cannot bring it back). */
  readonly deletedAt: Date | null;
  /** Edits its author made (each kept a revision). */
  readonly authorEdits: number;
  /** Approved replies to it: deleting one with replies leaves a placeholder. */
  readonly approvedReplies: number;
}

export interface OwnCommentStore {
  state(query: { id: CommentId; authorActor: string }): Promise<OwnCommentState>;
  /** Screening's verdict on an edited comment: its status and reasons. */
  setVerdict(query: { id: CommentId; status: CommentStatus; reasons: readonly CheckReason[]; at: Date }): Promise<void>;
  /** Deleted by its author with replies: text, name, email and website replaced, earlier versions dropped. */
  replaceWithPlaceholder(query: { id: CommentId; authorName: string; text: string; html: string; at: Date }): Promise<void>;
  /** Deleted by its author without replies: trashed and marked. */
  trashAsDeleted(query: { id: CommentId; at: Date }): Promise<void>;
}
