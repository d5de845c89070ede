// The storage an article use case needs. Implemented by storage/sql-article-store.ts.

import type { Article, ArticleDraft, ArticleSummary } from '../domain/article.ts';
import type { ArticleId } from '../domain/ids.ts';

export interface ArticleStore {
  /** Inserts, or updates the article with the same slug; says which. */
  saveBySlug(draft: ArticleDraft): Promise<{ article: Article; created: boolean }>;
  findById(id: ArticleId): Promise<Article | undefined>;
  findBySlug(slug: string): Promise<Article | undefined>;
  /** Published articles at or before `now`, newest first, with their approved comment counts. */
  listLatest(query: { now: Date; limit: number }): Promise<ArticleSummary[]>;
  /** The earliest publication time after `now` of a published (scheduled) article, if any. */
  nextPublicationAfter(now: Date): Promise<Date | null>;
}
