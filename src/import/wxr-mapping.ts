// How WordPress's values become Dateline's: post and comment statuses, comment types, dates
// (GMT columns first; WordPress writes 0000-00-00 00:00:00 for drafts never published) and
// the addresses an item was known by. Pure.

import type { ArticleStatus } from '../domain/article.ts';
import type { CommentKind, CommentStatus } from '../domain/comment.ts';
import { oldUrlKey, oldUrlKeyOf } from '../domain/old-url.ts';

/** publish and future are published; draft, pending, private and auto-draft stay drafts; trash is not imported. */
export function articleStatus(wpStatus: string): ArticleStatus | null {
  if (wpStatus === '' || wpStatus === 'publish' || wpStatus === 'future') return 'published';
  if (wpStatus === 'trash' || wpStatus === 'inherit') return null;
  return 'draft';
}

/** comment_approved: 1 approved, 0 held, spam, trash (post-trashed: trashed with its post). */
export function commentStatus(approved: string): CommentStatus {
  if (approved === '1' || approved === 'approve') return 'approved';
  if (approved === 'spam') return 'spam';
  if (approved === 'trash' || approved === 'post-trashed') return 'trash';
  return 'pending';
}

/** '' and comment are comments; pingbacks and trackbacks keep their kind; anything else (notes, reviews) is not a reader's comment. */
export function commentKind(type: string): CommentKind | null {
  if (type === '' || type === 'comment') return 'comment';
  if (type === 'pingback' || type === 'trackback') return type;
  return null;
}

/** A WordPress `YYYY-MM-DD HH:MM:SS` as UTC, or null for an empty or zero date. */
export function wpDate(text: string | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text?.trim() ?? '');
  if (!m || m[1] === '0000') return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An RSS pubDate (RFC 822), or null. */
export function rssDate(text: string | undefined): Date | null {
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1971 ? null : d;
}

/** The first date that is there: GMT, then local time (taken as UTC), then the fallbacks. */
export function firstDate(...candidates: (Date | null)[]): Date | null {
  return candidates.find((d): d is Date => d !== null) ?? null;
}

/** The post id: wp:post_id, else the `?p=` of its link (hand-made files). */
export function postIdOf(fields: Readonly<Record<string, string>>): string | null {
  const id = fields['wp:post_id'];
  if (id && /^\d+$/.test(id)) return id;
  const fromLink = /[?&]p=(\d+)/.exec(fields.link ?? '');
  return fromLink?.[1] ?? null;
}

/** The addresses WordPress answered for this item: its permalink, `?p=ID`, and `?page_id=ID` for pages, under the site's path. */
export function oldAddresses(fields: Readonly<Record<string, string>>, postId: string, siteUrl: string): string[] {
  const sitePath = sitePathOf(siteUrl);
  const keys = [oldUrlKey(`${sitePath}/`, `?p=${postId}`)];
  if (fields['wp:post_type'] === 'page') keys.push(oldUrlKey(`${sitePath}/`, `?page_id=${postId}`));
  const link = fields.link ? oldUrlKeyOf(fields.link) : null;
  if (link) keys.push(link);
  return [...new Set(keys)];
}

function sitePathOf(siteUrl: string): string {
  try {
    return new URL(siteUrl).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
