// What staff do to a comment besides moderating its status: feature it (editors' pick), edit
// its text (the earlier text kept as a revision, the comment marked edited), and reply as
// staff (published at once, marked as staff). Each writes a moderation log row with it.

import { AppError } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { Comment } from '../domain/comment.ts';
import type { CommentId } from '../domain/ids.ts';
import { staffActor, type Staff } from '../domain/staff.ts';
import { maxBodyBytes } from '../domain/comment.ts';
import type { Clock } from '../lib/clock.ts';
import { renderCommentMarkdown } from '../lib/markdown.ts';
import type { Transact } from '../lib/transact.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { Notifications, NotifyStores } from '../notify/notifications.ts';
import type { ModerationLog } from './moderation-log.ts';
import type { LiveStores } from '../live/live-event-store.ts';
import { recordLiveEvent } from '../live/record-live-event.ts';

export interface StaffCommentDeps {
  readonly transact: Transact<{ comments: CommentStore; moderationLog: ModerationLog; articles: ArticleStore } & NotifyStores & LiveStores>;
  readonly notifications: Pick<Notifications, 'staffReplied'>;
  readonly events: EventSink;
  readonly clock: Clock;
}

const actorOf = staffActor;

function cleanText(text: string): string {
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (body === '') throw new AppError('comment_required', { field: 'comment' });
  if (Buffer.byteLength(body) > maxBodyBytes) throw new AppError('comment_too_long', { field: 'comment' });
  return body;
}

export function createStaffCommentActions(deps: StaffCommentDeps) {
  const changed = (c: Comment) => deps.events.emit({ type: 'comment.changed', articleId: c.articleId, commentId: c.id });

  return {
    async feature(input: { commentId: CommentId; on: boolean; staff: Staff }): Promise<void> {
      const at = deps.clock.now();
      const comment = await deps.transact(async ({ comments, moderationLog, liveEvents }) => {
        const c = await comments.findById(input.commentId);
        if (!c) throw new AppError('comment_not_found');
        await comments.setFeatured({ id: c.id, at: input.on ? at : null });
        await moderationLog.append({ commentId: c.id, action: input.on ? 'feature' : 'unfeature', actor: actorOf(input.staff), reason: null, fromStatus: c.status, toStatus: c.status, at });
        await recordLiveEvent(liveEvents, { comment: c, from: c.status, to: c.status, at });
        return c;
      });
      changed(comment);
    },

    async edit(input: { commentId: CommentId; text: string; staff: Staff }): Promise<void> {
      const at = deps.clock.now();
      const text = cleanText(input.text);
      const comment = await deps.transact(async ({ comments, moderationLog, liveEvents }) => {
        const c = await comments.findById(input.commentId);
        if (!c) throw new AppError('comment_not_found');
        if (c.bodyText === text) return c;
        await comments.replaceBody({ id: c.id, bodyText: text, bodyHtml: renderCommentMarkdown(text), by: actorOf(input.staff), at });
        await moderationLog.append({ commentId: c.id, action: 'edit', actor: actorOf(input.staff), reason: null, fromStatus: c.status, toStatus: c.status, at });
        await recordLiveEvent(liveEvents, { comment: c, from: c.status, to: c.status, at });
        return c;
      });
      changed(comment);
    },

    async reply(input: { parentId: CommentId; text: string; staff: Staff }): Promise<Comment> {
      const at = deps.clock.now();
      const text = cleanText(input.text);
      const reply = await deps.transact(async ({ comments, moderationLog, articles, outbox, subscriptions, liveEvents }) => {
        const parent = await comments.findById(input.parentId);
        if (!parent) throw new AppError('comment_not_found');
        if (parent.status !== 'approved') throw new AppError('parent_invalid', { field: 'comment_parent' });
        const created = await comments.insertStaffReply({
          articleId: parent.articleId, parentId: parent.id, authorName: input.staff.name, authorEmail: input.staff.email, authorUrl: null,
          bodyText: text, bodyHtml: renderCommentMarkdown(text), status: 'approved', reasons: [], ip: '', ipHash: '', userAgent: '', createdAt: at,
          staffId: input.staff.id,
        });
        await moderationLog.append({ commentId: created.id, action: 'reply', actor: actorOf(input.staff), reason: `reply to #${parent.id}`, fromStatus: 'approved', toStatus: 'approved', at });
        const article = await articles.findById(created.articleId);
        if (article) await deps.notifications.staffReplied({ outbox, subscriptions }, { comment: created, article });
        await recordLiveEvent(liveEvents, { comment: created, from: null, to: created.status, at });
        return created;
      });
      deps.events.emit({ type: 'comment.created', articleId: reply.articleId, commentId: reply.id, status: 'approved' });
      return reply;
    },
  };
}

export type StaffCommentActions = ReturnType<typeof createStaffCommentActions>;
