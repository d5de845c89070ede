// Records what a comment's change means to open article pages, in the caller's transaction
// (submitting, moderating, staff edits and replies), so the event exists exactly when the
// change committed.

import type { Comment, CommentStatus } from '../domain/comment.ts';
import { liveEventKind } from '../domain/live-event.ts';
import type { LiveEventStore } from './live-event-store.ts';

/** `from` is the status before the change, null for a new comment. */
export async function recordLiveEvent(liveEvents: LiveEventStore, change: { comment: Pick<Comment, 'id' | 'articleId'>; from: CommentStatus | null; to: CommentStatus; at: Date }): Promise<void> {
  const kind = liveEventKind(change.from, change.to);
  if (kind) await liveEvents.append({ articleId: change.comment.articleId, kind, commentId: change.comment.id, at: change.at });
}
