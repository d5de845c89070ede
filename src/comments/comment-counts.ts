// Approved comment counts for many articles at once, named by their addresses or ids: what a
// listing page on another site (or the API) asks for in one call. Only public articles count;
// an address that names none answers null.

import type { ArticleId } from '../domain/ids.ts';
import type { Clock } from '../lib/clock.ts';
import { isAtPath, readArticleUrl } from '../articles/article-url.ts';

/** What the counts need of storage. Implemented by storage/sql-comment-count-store.ts. */
export interface CommentCountStore {
  /** Articles public at `now` with one of these slugs (or ids), and their approved comments. */
  publicCounts(query: { slugs?: readonly string[]; ids?: readonly ArticleId[]; now: Date }): Promise<ArticleCount[]>;
}

export interface ArticleCount {
  readonly id: ArticleId;
  readonly slug: string;
  readonly publishedAt: Date;
  readonly approvedComments: number;
}

export interface UrlCount {
  readonly url: string;
  readonly articleId: ArticleId | null;
  readonly approvedComments: number | null;
}

/** At most this many addresses per call: one listing page's worth, and one bounded query. */
export const maxCountUrls = 100;

export function createCommentCounts(deps: { store: CommentCountStore; clock: Clock }) {
  return {
    /** One entry per address asked for, in the order asked. */
    async forUrls(urls: readonly string[]): Promise<UrlCount[]> {
      const read = urls.map((url) => ({ url, at: readArticleUrl(url) }));
      const slugs = [...new Set(read.flatMap((r) => (r.at ? [r.at.slug] : [])))];
      const found = slugs.length === 0 ? [] : await deps.store.publicCounts({ slugs, now: deps.clock.now() });
      return read.map(({ url, at }) => {
        const article = at ? found.find((a) => isAtPath(a, at.path)) : undefined;
        return { url, articleId: article?.id ?? null, approvedComments: article?.approvedComments ?? null };
      });
    },

    /** Approved comments of each public article among `ids` (absent ids are not public). */
    async forIds(ids: readonly ArticleId[]): Promise<Map<ArticleId, number>> {
      if (ids.length === 0) return new Map();
      const found = await deps.store.publicCounts({ ids, now: deps.clock.now() });
      return new Map(found.map((a) => [a.id, a.approvedComments]));
    },
  };
}

export type CommentCounts = ReturnType<typeof createCommentCounts>;
