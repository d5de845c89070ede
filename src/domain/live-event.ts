// Live updates: what a reader's open article page is told about its discussion, and which
// change of a comment's status tells it what. Pure.

import type { CommentStatus } from './comment.ts';
import type { ArticleId, CommentId } from './ids.ts';

/** added: now public; removed: no longer public; changed: still public, shown differently (edited, featured). */
export type LiveEventKind = 'comment.added' | 'comment.removed' | 'comment.changed';

/** One row of the durable, ordered log every instance reads (ids grow in commit order). */
export interface LiveEvent {
  readonly id: number;
  readonly articleId: ArticleId;
  readonly kind: LiveEventKind;
  readonly commentId: CommentId;
  readonly at: Date;
}

/**
 * What a status change means to the public page: `from` null is a new comment. A change
 * between two statuses the public never sees means nothing to it.
 */
export function liveEventKind(from: CommentStatus | null, to: CommentStatus): LiveEventKind | null {
  const wasPublic = from === 'approved';
  const isPublic = to === 'approved';
  if (isPublic) return wasPublic ? 'comment.changed' : 'comment.added';
  return wasPublic ? 'comment.removed' : null;
}
