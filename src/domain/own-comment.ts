// A commenter's own comment after posting: how long they may edit or delete it, what an edit
// may do to its status, and how they appear in the moderation log. Pure.

import type { Comment, CommentStatus } from './comment.ts';
import type { Verdict } from './moderation.ts';

/** The moderation log's actor for what a commenter does to their own comment. */
export const commenterActor = 'commenter';

/** Edits one comment may have: each keeps a revision, so the table of revisions stays bounded. */
export const maxEditsPerComment = 10;

/** What a deleted comment with replies becomes (text and author details gone, the thread kept). */
export const deletedComment = { authorName: '[deleted]', text: '[deleted]', html: '<p>[deleted]</p>' };

/** The end of a comment's edit window, or null when editing is off (0 minutes). */
export function editableUntil(createdAt: Date, editWindowMinutes: number): Date | null {
  return editWindowMinutes > 0 ? new Date(createdAt.getTime() + editWindowMinutes * 60_000) : null;
}

/** Whether the window to edit or delete `comment` is still open at `now`. */
export function canEditOwn(comment: Pick<Comment, 'createdAt' | 'status'>, settings: { editWindowMinutes: number }, now: Date): boolean {
  const until = editableUntil(comment.createdAt, settings.editWindowMinutes);
  return until !== null && now < until && comment.status !== 'trash';
}

const rank: Record<CommentStatus, number> = { approved: 3, pending: 2, spam: 1, trash: 0 };

/**
 * The status after an edit: screening may lower it (an approved comment that now trips a hold
 * check goes back to pending, one with disallowed words to spam) but never raises it: a held
 * comment waits for a moderator whatever its new text says.
 */
export function statusAfterEdit(current: CommentStatus, verdict: Verdict['status']): CommentStatus {
  return rank[verdict] < rank[current] ? verdict : current;
}
