// A moderator's action on one comment: the status change, its log row and the mails it causes
// (a comment made public tells its subscribers) in one transaction, then the event. Used by the
// admin area, the one-click links in mails and the shell.

import type { Comment } from '../domain/comment.ts';
import { AppError } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { CommentId } from '../domain/ids.ts';
import { nextStatus, type ModerationAction } from '../domain/moderation.ts';
import type { Clock } from '../lib/clock.ts';
import type { Transact } from '../lib/transact.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { Notifications, NotifyStores } from '../notify/notifications.ts';
import type { ModerationLog } from './moderation-log.ts';
import type { LiveStores } from '../live/live-event-store.ts';
import type { ReportStores } from '../comments/report-store.ts';
import { recordLiveEvent } from '../live/record-live-event.ts';
import type { SpamModelStore } from './spam-model-store.ts';
import { learnFromModeration } from './spam-model.ts';

export interface ModerateCommentDeps {
  readonly transact: Transact<{ comments: CommentStore; moderationLog: ModerationLog; articles: ArticleStore; spamModel: SpamModelStore } & NotifyStores & LiveStores & ReportStores>;
  readonly notifications: Pick<Notifications, 'commentApproved'>;
  readonly events: EventSink;
  readonly clock: Clock;
}

export interface ModerationRequest {
  readonly commentId: CommentId;
  readonly action: ModerationAction;
  /** Who acts: a staff account, or `shell:<user>` from the command line. */
  readonly actor: string;
  readonly reason?: string;
}

export function createModerateComment(deps: ModerateCommentDeps) {
  return async function moderateComment(request: ModerationRequest): Promise<Comment> {
    const at = deps.clock.now();
    const { before, after } = await deps.transact(async ({ comments, moderationLog, articles, outbox, subscriptions, spamModel, liveEvents, reports }) => {
      const before = await comments.findById(request.commentId);
      if (!before) throw new AppError('comment_not_found');
      const to = nextStatus(request.action, before.status);
      if (!to) throw new AppError('transition_not_allowed', { message: `cannot ${request.action} a comment that is ${before.status}` });
      await comments.setStatus({ id: before.id, status: to, at });
      // The spam classifier learns from moderators' decisions only, never from screening's.
      await learnFromModeration(spamModel, { comment: before, action: request.action, to });
      // A moderator's decision answers the readers' reports on the comment.
      await reports.resolve({ commentId: before.id, by: request.actor, resolution: request.action, at });
      await moderationLog.append({
        commentId: before.id,
        action: request.action,
        actor: request.actor,
        reason: request.reason ?? null,
        fromStatus: before.status,
        toStatus: to,
        at,
      });
      const after = { ...before, status: to };
      if (to === 'approved') {
        const article = await articles.findById(before.articleId);
        if (article) await deps.notifications.commentApproved({ outbox, subscriptions }, { comment: after, article });
      }
      await recordLiveEvent(liveEvents, { comment: after, from: before.status, to, at });
      return { before, after };
    });
    deps.events.emit({ type: 'comment.status_changed', articleId: after.articleId, commentId: after.id, from: before.status, to: after.status });
    return after;
  };
}

export type ModerateComment = ReturnType<typeof createModerateComment>;
