// What a moderation check sees and returns. Checks are pure: the use case gathers the facts
// (history, duplicates, last comment time) before screening, so each check is a small function.

import type { Article } from '../domain/article.ts';
import type { CommenterRule } from '../domain/commenter-rule.ts';
import type { Comment, CommentDraft } from '../domain/comment.ts';
import type { CheckReason } from '../domain/moderation.ts';
import type { DiscussionSettings } from '../domain/settings.ts';
import type { TrustedHtml } from '../domain/trusted-html.ts';
import type { FormTokenReading } from '../comments/form-token.ts';

export interface CheckContext {
  readonly draft: CommentDraft;
  /** The comment as it will render: what link counting sees. */
  readonly bodyHtml: TrustedHtml;
  readonly article: Article;
  /** The comment being replied to, if any (any status, any article: the check decides). */
  readonly parent: Pick<Comment, 'articleId' | 'status'> | null;
  readonly settings: DiscussionSettings;
  readonly now: Date;
  /** Approved comments with the same name and email. */
  readonly approvedBySameAuthor: number;
  /** An identical comment (article, parent, name, email, text) already exists, not trashed. */
  readonly isDuplicate: boolean;
  /** Newest comment in the last hour from the same IP or the same email. */
  readonly lastCommentAt: Date | null;
  /** Raw IP and user agent, for word lists (never shown to the public). */
  readonly ip: string;
  readonly userAgent: string;
  /** The moderators' rules that name this commenter (by keyed email hash or IP range). */
  readonly rules: readonly CommenterRule[];
  /** The local spam classifier's probability that the text is spam; null while it is off or has learned too little. */
  readonly spamScore: number | null;
  /** What the form says about who filled it: the honeypot field, and the signed form token (null: not a public form post). */
  readonly form: { readonly honeypotFilled: boolean; readonly token: FormTokenReading } | null;
  /** The rate limit this submission is over (null if none), and whether the puzzle was solved or moderation chosen instead. */
  readonly rateLimit: { readonly over: string | null; readonly solved: boolean; readonly holdRequested: boolean };
}

/** A check that holds or spams returns one; a check that refuses throws an AppError. */
export interface CheckOutcome {
  readonly status: 'pending' | 'spam';
  readonly reason: CheckReason;
}

export interface ModerationCheck {
  readonly name: string;
  run(ctx: CheckContext): CheckOutcome | undefined;
}
