// Comments: what a commenter sends, the rules that refuse it outright, and what is stored.
// Pure; the checks that hold or spam a comment live in moderation/checks.

import { AppError, InvalidFields } from './errors.ts';
import type { ArticleId, CommentId, StaffId } from './ids.ts';
import type { CheckReason } from './moderation.ts';
import type { TrustedHtml } from './trusted-html.ts';
import { isEmail, normalizeEmail } from './email.ts';

export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

/** What a comment is: written here, or a WordPress pingback or trackback (imported). */
export type CommentKind = 'comment' | 'pingback' | 'trackback';

export interface Comment {
  readonly id: CommentId;
  readonly articleId: ArticleId;
  readonly parentId: CommentId | null;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string | null;
  readonly bodyText: string;
  readonly bodyHtml: TrustedHtml;
  readonly status: CommentStatus;
  readonly reasons: readonly CheckReason[];
  readonly createdAt: Date;
  /** When an editor picked it, if they did. */
  readonly featuredAt: Date | null;
  /** When staff last changed its text (earlier texts are kept as revisions). */
  readonly editedAt: Date | null;
  /** Written by staff from the admin area. */
  readonly staffId: StaffId | null;
  /** Readers' reactions (as read by the discussion listing; absent elsewhere, meaning not read). */
  readonly reactionCount?: number;
}

/**
 * A comment's place in its discussion without its text: what ordering, paging and counting a
 * long thread need, read for every comment so that the full rows are read only for one page.
 */
export type CommentOutline = Pick<Comment, 'id' | 'parentId' | 'status' | 'createdAt' | 'featuredAt'> & { readonly reactionCount: number };

/** What the public may know of a comment: no email, no IP, no reasons. */
export type PublicComment = Pick<Comment, 'id' | 'parentId' | 'authorName' | 'authorUrl' | 'bodyHtml' | 'status' | 'createdAt'> & {
  readonly featured: boolean;
  readonly edited: boolean;
  /** When its text last changed (by its author or by staff), if it did. */
  readonly editedAt?: Date | null;
  readonly byStaff: boolean;
  /** Written by staff who is also the article's byline (shown as "Author" rather than "Staff"); absent = no. */
  readonly byArticleAuthor?: boolean;
  /** Readers' reactions; absent = none yet (a comment that just arrived live). */
  readonly reactionCount?: number;
  /** Keyed hash of the email (site secret): draws the avatar, links nothing across sites. */
  readonly avatarKey: string;
};

/** What a commenter sends, trimmed, before any check. */
export interface CommentInput {
  readonly articleId: ArticleId;
  readonly parentId: CommentId | null;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly bodyText: string;
}

/** A comment that passed the field rules, ready for the moderation checks. */
export interface CommentDraft {
  readonly articleId: ArticleId;
  readonly parentId: CommentId | null;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string | null;
  readonly bodyText: string;
}

// Byte limits of WordPress's columns, so imported comments and ours fit the same bounds.
export const maxNameBytes = 245;
export const maxEmailBytes = 100;
export const maxUrlBytes = 200;
export const maxBodyBytes = 65_525;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Control characters (NUL and the like, not tab or newline) carry no meaning in a comment and break storage. */
const withoutControls = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');

/** A comment's text as stored: newlines as \n, no control characters, trimmed. */
export const cleanBodyText = (text: string): string => withoutControls(text.replace(/\r\n?/g, '\n')).trim();

/**
 * Normalises a website the way readers type it ("example.com" → "https://example.com") and
 * refuses anything that is not http(s), so `javascript:` never reaches an href.
 */
export function normalizeWebsite(raw: string): string | null | 'invalid' {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed.replace(/^\/+/, '')}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'invalid';
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return 'invalid';
    return url.href;
  } catch {
    return 'invalid';
  }
}

/**
 * Applies the field rules (WordPress wp_handle_comment_submission §1.2, §2.2 rows 9–15) and
 * reports every broken rule at once, each on its field.
 */
export function validateCommentInput(input: CommentInput, options: { requireNameEmail: boolean }): CommentDraft {
  const errors: AppError[] = [];
  const name = withoutControls(input.authorName).trim();
  const email = withoutControls(input.authorEmail).trim();
  const body = cleanBodyText(input.bodyText);
  const url = withoutControls(input.authorUrl);
  const website = normalizeWebsite(url);

  if (body === '') errors.push(new AppError('comment_required', { field: 'comment' }));
  else if (bytes(body) > maxBodyBytes) errors.push(new AppError('comment_too_long', { field: 'comment' }));

  if (name === '' && options.requireNameEmail) errors.push(new AppError('name_required', { field: 'author' }));
  else if (bytes(name) > maxNameBytes) errors.push(new AppError('name_too_long', { field: 'author' }));

  if (email === '' && options.requireNameEmail) errors.push(new AppError('email_required', { field: 'email' }));
  else if (bytes(email) > maxEmailBytes) errors.push(new AppError('email_too_long', { field: 'email' }));
  else if (email !== '' && !isEmail(email)) errors.push(new AppError('email_invalid', { field: 'email' }));

  // As stored: percent-encoding can triple a short address typed in another script.
  if (bytes(url.trim()) > maxUrlBytes || (website !== null && website !== 'invalid' && bytes(website) > maxUrlBytes)) errors.push(new AppError('url_too_long', { field: 'url' }));
  else if (website === 'invalid') errors.push(new AppError('url_invalid', { field: 'url' }));

  if (errors.length > 0) throw new InvalidFields(errors);
  return {
    articleId: input.articleId,
    parentId: input.parentId,
    authorName: name === '' ? 'Anonymous' : name,
    authorEmail: normalizeEmail(email),
    authorUrl: website === 'invalid' ? null : website,
    bodyText: body,
  };
}
