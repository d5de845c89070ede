// Articles: what a newsroom publishes and readers comment on. Pure rules, no I/O.

import type { ArticleId, StaffId } from './ids.ts';
import type { TrustedHtml } from './trusted-html.ts';
import type { DiscussionSettings } from './settings.ts';
import { AppError } from './errors.ts';

export type ArticleStatus = 'draft' | 'published';

export interface Article {
  readonly id: ArticleId;
  readonly slug: string;
  readonly title: string;
  readonly section: string | null;
  readonly summary: string | null;
  readonly bodyMarkdown: string;
  readonly bodyHtml: TrustedHtml;
  readonly status: ArticleStatus;
  readonly publishedAt: Date;
  readonly updatedAt: Date;
  readonly commentsOpen: boolean;
  /** The byline: the display name of the staff member it is by, when it has one (as read). */
  readonly byline?: string | null;
  /** Tag names in the editor's order (as read). */
  readonly tags?: readonly string[];
  /** The staff member the byline names (as read), so their replies can be marked as the author's. */
  readonly authorStaffId?: StaffId | null;
  /** An embed thread's page on another site (as read): the article is only its comments, listed nowhere on this site. */
  readonly externalUrl?: string | null;
}

/** An article as a list shows it: with its count of approved comments. */
export interface ArticleSummary {
  readonly article: Article;
  readonly approvedComments: number;
}

/** What `publish` writes: an article without the fields storage assigns. */
export type ArticleDraft = Omit<Article, 'id' | 'updatedAt' | 'byline' | 'tags' | 'authorStaffId' | 'externalUrl'>;

/** Scheduled articles (published in the future) and drafts are not public yet. */
export function isPublic(article: Pick<Article, 'status' | 'publishedAt'>, now: Date): boolean {
  return article.status === 'published' && article.publishedAt.getTime() <= now.getTime();
}

const msPerDay = 86_400_000;

/** Open when the article says so and, if the site closes old articles, it is young enough. */
export function isCommentingOpen(article: Pick<Article, 'commentsOpen' | 'publishedAt'>, settings: DiscussionSettings, now: Date): boolean {
  if (!article.commentsOpen) return false;
  if (settings.closeCommentsAfterDays > 0) {
    return now.getTime() - article.publishedAt.getTime() <= settings.closeCommentsAfterDays * msPerDay;
  }
  return true;
}

/** When an open article stops taking comments by age, or null if it never will. */
export function commentsCloseAt(article: Pick<Article, 'commentsOpen' | 'publishedAt'>, settings: DiscussionSettings): Date | null {
  if (!article.commentsOpen || settings.closeCommentsAfterDays <= 0) return null;
  return new Date(article.publishedAt.getTime() + settings.closeCommentsAfterDays * msPerDay + 1);
}

export function assertCommentingOpen(article: Pick<Article, 'commentsOpen' | 'publishedAt'>, settings: DiscussionSettings, now: Date): void {
  if (!isCommentingOpen(article, settings, now)) throw new AppError('comments_closed');
}

/** `/YYYY/MM/DD/slug/`, dated in UTC so a URL never moves when the site's time zone changes. */
export function articlePath(article: Pick<Article, 'slug' | 'publishedAt'>): string {
  const d = article.publishedAt;
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `/${d.getUTCFullYear()}/${mm}/${dd}/${article.slug}/`;
}

/** Lower-case letters, digits and hyphens: what a slug may hold. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}
