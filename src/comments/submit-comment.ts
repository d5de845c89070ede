// Submit a comment: refuse what must be refused, screen the rest, store it durably with its
// verdict and reasons in one transaction, then tell listeners.

import { assertCommentingOpen, isPublic } from '../domain/article.ts';
import { validateCommentInput, type Comment, type CommentInput } from '../domain/comment.ts';
import { AppError } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { Verdict } from '../domain/moderation.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import { renderCommentMarkdown } from '../lib/markdown.ts';
import type { Transact } from '../lib/transact.ts';
import type { ModerationCheck } from '../moderation/check.ts';
import { screenComment } from '../moderation/screen-comment.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { CommentStore } from './comment-store.ts';

export interface SubmitCommentDeps {
  readonly articles: ArticleStore;
  readonly settings: SettingsStore;
  readonly transact: Transact<{ comments: CommentStore }>;
  readonly checks: readonly ModerationCheck[];
  readonly keyedHash: KeyedHash;
  readonly events: EventSink;
  readonly clock: Clock;
}

export interface SubmitCommentRequest extends CommentInput {
  readonly ip: string;
  readonly userAgent: string;
}

export interface SubmittedComment {
  readonly comment: Comment;
  readonly verdict: Verdict;
}

const floodLookBackMs = 3_600_000; // WordPress looks one hour back for the last comment
const maxUserAgentChars = 254;

export function createSubmitComment(deps: SubmitCommentDeps) {
  return async function submitComment(request: SubmitCommentRequest): Promise<SubmittedComment> {
    const now = deps.clock.now();
    const article = await deps.articles.findById(request.articleId);
    if (!article || !isPublic(article, now)) throw new AppError('article_not_found');
    const settings = await deps.settings.discussion();
    assertCommentingOpen(article, settings, now);
    const draft = validateCommentInput(request, settings);
    const bodyHtml = renderCommentMarkdown(draft.bodyText);
    const ipHash = deps.keyedHash.hash('ip', request.ip);
    const userAgent = request.userAgent.slice(0, maxUserAgentChars);

    const result = await deps.transact(async ({ comments }) => {
      await comments.lockCommenter({ ipHash, email: draft.authorEmail });
      const [parent, isDuplicate, lastCommentAt, approvedBySameAuthor] = await Promise.all([
        draft.parentId === null ? null : comments.findById(draft.parentId),
        comments.existsDuplicate(draft),
        comments.lastCommentAt({ ipHash, email: draft.authorEmail, since: new Date(now.getTime() - floodLookBackMs) }),
        comments.countApprovedByAuthor({ name: draft.authorName, email: draft.authorEmail }),
      ]);
      const verdict = screenComment(
        { draft, bodyHtml, article, parent: parent ?? null, settings, now, approvedBySameAuthor, isDuplicate, lastCommentAt, ip: request.ip, userAgent },
        deps.checks,
      );
      const comment = await comments.insert({ ...draft, bodyHtml, status: verdict.status, reasons: verdict.reasons, ip: request.ip, ipHash, userAgent, createdAt: now });
      return { comment, verdict };
    });

    deps.events.emit({ type: 'comment.created', articleId: article.id, commentId: result.comment.id, status: result.comment.status });
    return result;
  };
}

export type SubmitComment = ReturnType<typeof createSubmitComment>;
