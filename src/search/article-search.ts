// The storage the article search needs: published, public articles ranked by how well they
// match (headline over summary over body). Implemented by storage/sql-search.ts, with SQLite
// FTS5 or PostgreSQL full-text search.

import type { Article } from '../domain/article.ts';

/** An article as search reads it: enough to link to it and to cut a snippet from its text. */
export type ArticleMatch = Pick<Article, 'id' | 'slug' | 'title' | 'section' | 'summary' | 'bodyMarkdown' | 'publishedAt'>;

export interface ArticleSearch {
  /**
   * Articles published at or before `now` that contain every term (the last one also as the
   * start of a word), best match first, then newest first. Terms come from domain/search.ts
   * `searchTerms`; the implementation quotes them for its index and never passes raw text.
   */
  search(query: { terms: readonly string[]; now: Date; limit: number; offset: number }): Promise<ArticleMatch[]>;
}
