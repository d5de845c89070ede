// A commenter deletes their own comment within the edit window. With approved replies it
// becomes a "[deleted]" placeholder (text, name, email and website gone, earlier versions
// dropped, as erasure does) so the replies keep their place; without, it is trashed. Either is
// logged as the commenter's action, with its live event, in one transaction; then the event.
// Whether the comment is this reader's (the signed cookie) is the caller's to know.

import type { Comment } from '../domain/comment.ts';
import type { EventSink } from '../domain/events.ts';
import type { CommentId } from '../domain/ids.ts';
import { commenterActor, deletedComment } from '../domain/own-comment.ts';
import type { Clock } from '../lib/clock.ts';
import type { Transact } from '../lib/transact.ts';
import type { LiveStores } from '../live/live-event-store.ts';
import { recordLiveEvent } from '../live/record-live-event.ts';
import type { ModerationLog } from '../moderation/moderation-log.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { CommentStore } from './comment-store.ts';
import { ownCommentWithinWindow } from './edit-own-comment.ts';
import type { OwnCommentStore } from './own-comment-store.ts';

export interface DeleteOwnCommentDeps {
  readonly settings: SettingsStore;
  readonly transact: Transact<{ comments: CommentStore; ownComments: OwnCommentStore; moderationLog: ModerationLog } & LiveStores>;
  readonly events: EventSink;
  readonly clock: Clock;
}

export interface DeletedOwnComment {
  readonly comment: Pick<Comment, 'id' | 'articleId'>;
  /** placeholder: it had replies and now reads "[deleted]"; trashed: it is gone from the page. */
  readonly outcome: 'placeholder' | 'trashed';
}

export function createDeleteOwnComment(deps: DeleteOwnCommentDeps) {
  return async function deleteOwnComment(request: { commentId: CommentId }): Promise<DeletedOwnComment> {
    const now = deps.clock.now();
    const settings = await deps.settings.discussion();
    const result = await deps.transact(async ({ comments, ownComments, moderationLog, liveEvents }) => {
      const { comment, state } = await ownCommentWithinWindow({ comments, ownComments }, { id: request.commentId, settings, now });
      if (state.approvedReplies > 0) {
        await ownComments.replaceWithPlaceholder({ id: comment.id, authorName: deletedComment.authorName, text: deletedComment.text, html: deletedComment.html, at: now });
        const why = `deleted by its author; "[deleted]" left for ${state.approvedReplies} ${state.approvedReplies === 1 ? 'reply' : 'replies'}`;
        await moderationLog.append({ commentId: comment.id, action: 'delete', actor: commenterActor, reason: why, fromStatus: comment.status, toStatus: comment.status, at: now });
        await recordLiveEvent(liveEvents, { comment, from: comment.status, to: comment.status, at: now });
        return { comment, outcome: 'placeholder' as const };
      }
      await ownComments.trashAsDeleted({ id: comment.id, at: now });
      await moderationLog.append({ commentId: comment.id, action: 'delete', actor: commenterActor, reason: 'deleted by its author', fromStatus: comment.status, toStatus: 'trash', at: now });
      await recordLiveEvent(liveEvents, { comment, from: comment.status, to: 'trash', at: now });
      return { comment, outcome: 'trashed' as const };
    });
    const c = result.comment;
    if (result.outcome === 'placeholder') deps.events.emit({ type: 'comment.changed', articleId: c.articleId, commentId: c.id });
    else deps.events.emit({ type: 'comment.status_changed', articleId: c.articleId, commentId: c.id, from: c.status, to: 'trash' });
    return { comment: { id: c.id, articleId: c.articleId }, outcome: result.outcome };
  };
}

export type DeleteOwnComment = ReturnType<typeof createDeleteOwnComment>;
