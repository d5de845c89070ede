// The storage an article use case needs. Implemented by storage/sql-article-store.ts.

import type { Article, ArticleDraft, ArticleStatus, ArticleSummary } from '../domain/article.ts';
import type { ArticleId, StaffId } from '../domain/ids.ts';
import type { ListingFilter } from '../domain/listing.ts';
import type { Tag } from './tags.ts';

/** What a sitemap needs of an article. */
export type ArticleLink = Pick<Article, 'id' | 'slug' | 'title' | 'publishedAt' | 'updatedAt'>;

/** What a save writes: the draft plus who the article is by. */
export interface ArticleWrite extends ArticleDraft {
  readonly authorStaffId: StaffId | null;
}

/** An article as the editor opens it: with its byline's staff id and its tags. */
export interface DeskArticle {
  readonly article: Article;
  readonly authorStaffId: StaffId | null;
  readonly tags: readonly string[];
}

/** One saved version of an article, with who saved it and when. */
export interface ArticleRevision {
  readonly id: number;
  readonly articleId: ArticleId;
  readonly slug: string;
  readonly title: string;
  readonly section: string | null;
  readonly summary: string | null;
  readonly bodyMarkdown: string;
  readonly status: ArticleStatus;
  readonly commentsOpen: boolean;
  readonly publishedAt: Date;
  readonly authorStaffId: StaffId | null;
  readonly tags: readonly string[];
  /** A display name ('command line' for the CLI). */
  readonly savedBy: string;
  readonly savedByStaffId: StaffId | null;
  readonly savedAt: Date;
}

export type NewArticleRevision = Omit<ArticleRevision, 'id'>;

export interface ArticleStore {
  /** Inserts, or updates the article with the same slug; says which. */
  saveBySlug(draft: ArticleDraft): Promise<{ article: Article; created: boolean }>;
  /** A new article; Conflict `slug_taken` when the slug is in use. */
  insert(write: ArticleWrite): Promise<Article>;
  /** Overwrites an article (its slug may change); Conflict `slug_taken` when the new one is in use. */
  update(id: ArticleId, write: ArticleWrite): Promise<Article>;
  /** Replaces the article's tags with these, in this order (creating tags not seen before). */
  setTags(id: ArticleId, tags: readonly Tag[]): Promise<void>;
  addRevision(revision: NewArticleRevision): Promise<void>;
  /** Newest first. */
  listRevisions(id: ArticleId): Promise<ArticleRevision[]>;
  findRevision(id: ArticleId, revisionId: number): Promise<ArticleRevision | undefined>;
  /** With byline and tags. */
  findById(id: ArticleId): Promise<Article | undefined>;
  /** With byline and tags. */
  findBySlug(slug: string): Promise<Article | undefined>;
  findForDesk(id: ArticleId): Promise<DeskArticle | undefined>;
  /** Every article whatever its status, latest publication time first, with byline. */
  listForDesk(query: { limit: number; offset: number }): Promise<Article[]>;
  /** The sections in use, for the editor to suggest. */
  listSections(): Promise<string[]>;
  /** How many articles are public at `now` (a sitemap splits past 50,000). */
  countPublic(now: Date): Promise<number>;
  /** Addresses and dates of articles public at `now` (and published at or after `since`), for sitemaps, `limit` from `offset`. */
  listPublicLinks(query: { now: Date; since?: Date; order: 'oldest' | 'newest'; limit: number; offset: number }): Promise<ArticleLink[]>;
  /** Published articles at or before `now`, newest first, with their approved comment counts. */
  listLatest(query: { now: Date; limit: number }): Promise<ArticleSummary[]>;
  /** The earliest publication time after `now` of a published (scheduled) article, if any. */
  nextPublicationAfter(now: Date): Promise<Date | null>;
  /** One page of a public list (front page, section, tag, author), newest first, with its total and display name. */
  listPublic(query: PublicListQuery): Promise<PublicList>;
  /** Public articles with the most approved comments written since `since`; `approvedComments` counts only those. */
  listMostDiscussed(query: { now: Date; since: Date; limit: number }): Promise<ArticleSummary[]>;
}

/** Articles published at or before `now` that `filter` picks, `limit` from `offset`. */
export interface PublicListQuery {
  readonly filter: ListingFilter;
  readonly now: Date;
  readonly limit: number;
  readonly offset: number;
}

export interface PublicList {
  readonly articles: ArticleSummary[];
  /** How many articles the whole list holds (every page). */
  readonly total: number;
  /** The section, tag or author as written (most recent spelling); null for 'all' or an empty list. */
  readonly name: string | null;
}
