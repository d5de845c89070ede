// A commenter edits their own comment within the edit window: the new text is screened by the
// moderation checks that judge text (moderation/check-order.ts `editCheckOrder`), the earlier
// text is kept as a revision for staff, the comment is marked edited, and an approved comment
// that now trips a hold check goes back to pending — all in one transaction with its log row
// and live event, then the event that refreshes cached pages.
// Whether the comment is this reader's (the signed cookie) is the caller's to know.

import { assertCommentingOpen, isPublic } from '../domain/article.ts';
import { cleanBodyText, maxBodyBytes, type Comment } from '../domain/comment.ts';
import { ruleMatches } from '../domain/commenter-rule.ts';
import { AppError, InvalidFields } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { CommentId } from '../domain/ids.ts';
import type { Verdict } from '../domain/moderation.ts';
import { canEditOwn, commenterActor, editableUntil, maxEditsPerComment, statusAfterEdit } from '../domain/own-comment.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import { renderCommentMarkdown } from '../lib/markdown.ts';
import type { Transact } from '../lib/transact.ts';
import type { LiveStores } from '../live/live-event-store.ts';
import { recordLiveEvent } from '../live/record-live-event.ts';
import type { ModerationCheck } from '../moderation/check.ts';
import type { CommenterRuleStore } from '../moderation/commenter-rule-store.ts';
import type { ModerationLog } from '../moderation/moderation-log.ts';
import { screenComment } from '../moderation/screen-comment.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { SpamModelStore } from '../moderation/spam-model-store.ts';
import { scoreSpam } from '../moderation/spam-model.ts';
import type { CommentStore } from './comment-store.ts';
import type { OwnCommentStore } from './own-comment-store.ts';

export interface EditOwnCommentDeps {
  readonly settings: SettingsStore;
  readonly commenterRules: CommenterRuleStore;
  readonly spamModel: SpamModelStore;
  readonly transact: Transact<{ comments: CommentStore; ownComments: OwnCommentStore; articles: ArticleStore; moderationLog: ModerationLog } & LiveStores>;
  /** editCheckOrder: the checks that judge the text. */
  readonly checks: readonly ModerationCheck[];
  readonly keyedHash: KeyedHash;
  readonly events: EventSink;
  readonly clock: Clock;
}

export interface EditOwnCommentRequest {
  readonly commentId: CommentId;
  readonly text: string;
  /** The editor's address and browser now: what word lists and commenter rules see. */
  readonly ip: string;
  readonly userAgent: string;
}

export interface EditedComment {
  readonly comment: Comment;
  /** False when the text was the same: nothing was written. */
  readonly changed: boolean;
}

/** The comment as its author may still change it: it exists, is not deleted, and the window is open. */
export async function ownCommentWithinWindow(stores: { comments: CommentStore; ownComments: OwnCommentStore }, query: { id: CommentId; settings: { editWindowMinutes: number }; now: Date }) {
  const comment = await stores.comments.findById(query.id);
  if (!comment || comment.status === 'trash') throw new AppError('comment_not_found');
  const state = await stores.ownComments.state({ id: comment.id, authorActor: commenterActor });
  if (state.deletedAt !== null) throw new AppError('comment_not_found');
  if (!canEditOwn(comment, query.settings, query.now)) throw new AppError('edit_window_closed');
  return { comment, state };
}

function cleanText(text: string): string {
  const body = cleanBodyText(text);
  if (body === '') throw new InvalidFields([new AppError('comment_required', { field: 'comment' })]);
  if (Buffer.byteLength(body) > maxBodyBytes) throw new InvalidFields([new AppError('comment_too_long', { field: 'comment' })]);
  return body;
}

export function createEditOwnComment(deps: EditOwnCommentDeps) {
  return async function editOwnComment(request: EditOwnCommentRequest): Promise<EditedComment> {
    const now = deps.clock.now();
    const text = cleanText(request.text);
    const [settings, allRules] = await Promise.all([deps.settings.discussion(), deps.commenterRules.list()]);
    const bodyHtml = renderCommentMarkdown(text);
    const spamScore = settings.spamHoldPercent > 0 ? await scoreSpam(deps.spamModel, text) : null;

    const result = await deps.transact(async ({ comments, ownComments, articles, moderationLog, liveEvents }) => {
      const { comment: before, state } = await ownCommentWithinWindow({ comments, ownComments }, { id: request.commentId, settings, now });
      const article = await articles.findById(before.articleId);
      if (!article || !isPublic(article, now)) throw new AppError('comment_not_found');
      assertCommentingOpen(article, settings, now);
      if (before.bodyText === text) return { comment: before, changed: false, from: before.status };
      if (state.authorEdits >= maxEditsPerComment) throw new AppError('edit_limit_reached');

      const draft = { articleId: before.articleId, parentId: before.parentId, authorName: before.authorName, authorEmail: before.authorEmail, authorUrl: before.authorUrl, bodyText: text };
      const emailHash = deps.keyedHash.hash('email', before.authorEmail);
      const rules = allRules.filter((rule) => ruleMatches(rule, { emailHash, ip: request.ip }));
      const approvedBySameAuthor = await comments.countApprovedByAuthor({ name: before.authorName, email: before.authorEmail });
      const verdict = screenComment(
        {
          draft, bodyHtml, article, parent: null, settings, now, approvedBySameAuthor, isDuplicate: false, lastCommentAt: null,
          ip: request.ip, userAgent: request.userAgent, rules, spamScore, form: null,
          rateLimit: { over: null, solved: false, holdRequested: false },
        },
        deps.checks,
      );
      const to = statusAfterEdit(before.status, verdict.status);
      await comments.replaceBody({ id: before.id, bodyText: text, bodyHtml, by: commenterActor, at: now });
      // A held comment keeps the reasons it was held for unless screening found new ones.
      if (to !== before.status || verdict.reasons.length > 0) await ownComments.setVerdict({ id: before.id, status: to, reasons: verdict.reasons, at: now });
      await moderationLog.append({ commentId: before.id, action: 'edit', actor: commenterActor, reason: describe(verdict), fromStatus: before.status, toStatus: to, at: now });
      await recordLiveEvent(liveEvents, { comment: before, from: before.status, to, at: now });
      const after: Comment = { ...before, bodyText: text, bodyHtml, status: to, reasons: to !== before.status || verdict.reasons.length > 0 ? verdict.reasons : before.reasons, editedAt: now };
      return { comment: after, changed: true, from: before.status };
    });

    if (result.changed) {
      const c = result.comment;
      if (c.status === result.from) deps.events.emit({ type: 'comment.changed', articleId: c.articleId, commentId: c.id });
      else deps.events.emit({ type: 'comment.status_changed', articleId: c.articleId, commentId: c.id, from: result.from, to: c.status });
    }
    return { comment: result.comment, changed: result.changed };
  };
}

function describe(verdict: Verdict): string {
  const why = verdict.reasons.map((r) => r.detail).join('; ');
  return why ? `edited by its author; screening: ${why}` : 'edited by its author; no check objected';
}

export type EditOwnComment = ReturnType<typeof createEditOwnComment>;

/** The comment for its author's edit or delete page: refused as the edit itself would be. */
export function createFindOwnComment(deps: { comments: CommentStore; ownComments: OwnCommentStore; settings: SettingsStore; clock: Clock }) {
  return async function findOwnComment(id: CommentId): Promise<{ comment: Comment; editableUntil: Date }> {
    const now = deps.clock.now();
    const settings = await deps.settings.discussion();
    const { comment } = await ownCommentWithinWindow(deps, { id, settings, now });
    return { comment, editableUntil: editableUntil(comment.createdAt, settings.editWindowMinutes) ?? now };
  };
}

export type FindOwnComment = ReturnType<typeof createFindOwnComment>;
