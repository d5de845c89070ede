// Submit a comment: refuse what must be refused, screen the rest, store it durably with its
// verdict and reasons — and the mails it causes (notify/notifications.ts) — in one
// transaction, then tell listeners.

import { assertCommentingOpen, isPublic, type Article } from '../domain/article.ts';
import { validateCommentInput, type Comment, type CommentInput } from '../domain/comment.ts';
import { AppError, InvalidFields } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { Verdict } from '../domain/moderation.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import { renderCommentMarkdown } from '../lib/markdown.ts';
import { groupCommit } from '../lib/group-commit.ts';
import type { Transact } from '../lib/transact.ts';
import type { ModerationCheck } from '../moderation/check.ts';
import type { ModerationLog } from '../moderation/moderation-log.ts';
import { screeningActor } from '../domain/moderation.ts';
import type { CommenterRuleStore } from '../moderation/commenter-rule-store.ts';
import { ruleMatches } from '../domain/commenter-rule.ts';
import { screenComment } from '../moderation/screen-comment.ts';
import type { SpamModelStore } from '../moderation/spam-model-store.ts';
import { scoreSpam } from '../moderation/spam-model.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { Notifications, NotifyStores, SubscribeRequest } from '../notify/notifications.ts';
import type { DiscussionSettings } from '../domain/settings.ts';
import type { CommentStore } from './comment-store.ts';
import type { LiveStores } from '../live/live-event-store.ts';
import { recordLiveEvent } from '../live/record-live-event.ts';
import type { FormTokens } from './form-token.ts';
import { editableUntil } from '../domain/own-comment.ts';

export interface SubmitCommentDeps {
  readonly articles: Pick<ArticleStore, 'findById'>;
  readonly settings: SettingsStore;
  readonly transact: Transact<{ comments: CommentStore; moderationLog: ModerationLog } & NotifyStores & LiveStores>;
  readonly notifications: Pick<Notifications, 'commentStored'>;
  readonly formTokens: FormTokens;
  readonly checks: readonly ModerationCheck[];
  readonly keyedHash: KeyedHash;
  readonly commenterRules: CommenterRuleStore;
  /** The local spam classifier's counts, read (outside the write transaction) to score the text. */
  readonly spamModel: SpamModelStore;
  readonly events: EventSink;
  readonly clock: Clock;
  /**
   * Run submissions that arrive together in one write transaction (lib/group-commit.ts): one
   * durable commit for the group instead of one each. Each is still answered only after the commit.
   */
  readonly groupCommit?: boolean;
}

export interface SubmitCommentRequest extends CommentInput {
  readonly ip: string;
  readonly userAgent: string;
  /** The "notify me" boxes under the form (both off unless ticked). */
  readonly subscribe?: SubscribeRequest;
  /**
   * What came with a public form post: the honeypot field, the signed form token, the answer to
   * the rate-limit puzzle (or the choice to be held instead). Absent for staff and shell callers,
   * to whom neither bot signals nor rate limits apply.
   */
  readonly form?: FormSubmission;
}

export interface FormSubmission {
  readonly honeypot: string;
  readonly token: string;
  readonly challenge: { readonly token: string; readonly nonce: string } | null;
  readonly holdIfLimited: boolean;
}

export interface SubmittedComment {
  readonly comment: Comment;
  readonly verdict: Verdict;
  /** The article commented on, as read for the checks (spares the caller a second read). */
  readonly article: Article;
  /** Until when its author may edit or delete it (editWindowMinutes), null when editing is off. */
  readonly editableUntil: Date | null;
}

const floodLookBackMs = 3_600_000; // WordPress looks one hour back for the last comment
const rateWindowMs = 3_600_000; // rateLimitPerHour
const articleRateWindowMs = 60_000; // rateLimitPerArticlePerMinute
const maxUserAgentChars = 254;

export function createSubmitComment(deps: SubmitCommentDeps) {
  const transact = deps.groupCommit ? groupCommit(deps.transact) : deps.transact;
  return async function submitComment(request: SubmitCommentRequest): Promise<SubmittedComment> {
    const now = deps.clock.now();
    const article = await deps.articles.findById(request.articleId);
    if (!article || !isPublic(article, now)) throw new AppError('article_not_found');
    const [settings, allRules] = await Promise.all([deps.settings.discussion(), deps.commenterRules.list()]);
    assertCommentingOpen(article, settings, now);
    const draft = validateCommentInput(request, settings);
    const bodyHtml = renderCommentMarkdown(draft.bodyText);
    const ipHash = deps.keyedHash.hash('ip', request.ip);
    const userAgent = request.userAgent.slice(0, maxUserAgentChars);
    const emailHash = deps.keyedHash.hash('email', draft.authorEmail);
    const rules = allRules.filter((rule) => ruleMatches(rule, { emailHash, ip: request.ip }));

    const subscribe = request.subscribe ?? { replies: false, article: false };
    if ((subscribe.replies || subscribe.article) && !draft.authorEmail) throw new InvalidFields([new AppError('email_needed_to_notify', { field: 'email' })]);

    const form = request.form;
    const formSignals = form ? { honeypotFilled: form.honeypot.trim() !== '', token: deps.formTokens.read(form.token, article.id, now) } : null;
    const solved = form?.challenge ? deps.formTokens.solves(form.challenge, { ip: request.ip, text: draft.bodyText }, now) : false;

    const spamScore = settings.spamHoldPercent > 0 ? await scoreSpam(deps.spamModel, draft.bodyText) : null;
    const result = await transact(async ({ comments, moderationLog, outbox, subscriptions, liveEvents }) => {
      await comments.lockCommenter({ ipHash, email: draft.authorEmail });
      const [parent, isDuplicate, lastCommentAt, approvedBySameAuthor, recent] = await Promise.all([
        draft.parentId === null ? null : comments.findById(draft.parentId),
        comments.existsDuplicate(draft),
        comments.lastCommentAt({ ipHash, email: draft.authorEmail, since: new Date(now.getTime() - floodLookBackMs) }),
        comments.countApprovedByAuthor({ name: draft.authorName, email: draft.authorEmail }),
        form ? comments.countSince({ ipHash, email: draft.authorEmail, articleId: article.id, ipSince: new Date(now.getTime() - rateWindowMs), articleSince: new Date(now.getTime() - articleRateWindowMs), upTo: { perHour: settings.rateLimitPerHour, perArticle: settings.rateLimitPerArticlePerMinute } }) : null,
      ]);
      const over = recent ? overRateLimit(recent, settings) : null;
      const verdict = screenComment(
        {
          draft, bodyHtml, article, parent: parent ?? null, settings, now, approvedBySameAuthor, isDuplicate, lastCommentAt, ip: request.ip, userAgent, rules,
          form: formSignals,
          rateLimit: { over, solved, holdRequested: form?.holdIfLimited ?? false },
          spamScore,
        },
        deps.checks,
      );
      const comment = await comments.insert({ ...draft, bodyHtml, status: verdict.status, reasons: verdict.reasons, ip: request.ip, ipHash, userAgent, createdAt: now });
      // Every automatic verdict is a log row too, beside the moderators' own actions.
      const why = verdict.reasons.map((r) => r.detail).join('; ') || 'no check objected';
      await moderationLog.append({ commentId: comment.id, action: 'screen', actor: screeningActor, reason: why, fromStatus: verdict.status, toStatus: verdict.status, at: now });
      await deps.notifications.commentStored({ outbox, subscriptions }, { comment, article, subscribe, heldCommentMail: settings.heldCommentMail });
      // Last, so on PostgreSQL its lock (live-event ids in commit order) is held only until the commit.
      await recordLiveEvent(liveEvents, { comment, from: null, to: comment.status, at: now });
      return { comment, verdict };
    });

    deps.events.emit({ type: 'comment.created', articleId: article.id, commentId: result.comment.id, status: result.comment.status });
    return { ...result, article, editableUntil: editableUntil(result.comment.createdAt, settings.editWindowMinutes) };
  };
}

export type SubmitComment = ReturnType<typeof createSubmitComment>;

/** Which limit recent comments exceed, said for the moderator; null when none (0 = no limit). */
function overRateLimit(recent: { byIp: number; byEmail: number; byArticle: number }, settings: DiscussionSettings): string | null {
  const perHour = settings.rateLimitPerHour;
  if (perHour > 0 && recent.byIp >= perHour) return `${recent.byIp} comments from this address in the last hour`;
  if (perHour > 0 && recent.byEmail >= perHour) return `${recent.byEmail} comments from this email in the last hour`;
  const perMinute = settings.rateLimitPerArticlePerMinute;
  if (perMinute > 0 && recent.byArticle >= perMinute) return `${recent.byArticle} comments on this article in the last minute`;
  return null;
}
