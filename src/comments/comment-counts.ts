// Approved comment counts for many articles at once, named by their addresses or ids: what a
// listing page on another site (or the API) asks for in one call. Only public articles count;
// an address that names none answers null.

import type { ArticleId } from '../domain/ids.ts';
import type { Clock } from '../lib/clock.ts';
import { isAtPath, readArticleUrl } from '../articles/article-url.ts';
import { readEmbedPage } from '../domain/embed-url.ts';

/** What the counts need of storage. Implemented by storage/sql-comment-count-store.ts. */
export interface CommentCountStore {
  /** Articles public at `now` with one of these slugs (or ids), and their approved comments. */
  publicCounts(query: { slugs?: readonly string[]; ids?: readonly ArticleId[]; externalKeys?: readonly string[]; now: Date }): Promise<ArticleCount[]>;
}

export interface ArticleCount {
  readonly id: ArticleId;
  readonly slug: string;
  readonly publishedAt: Date;
  readonly approvedComments: number;
  /** An embed thread's page address, normalised (domain/embed-url.ts); null for the site's own articles. */
  readonly externalKey: string | null;
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
      // Another site's page (count.js on a listing page) names its embed thread by its own address.
      const read = urls.map((url) => ({ url, at: readArticleUrl(url), page: readEmbedPage(url) }));
      const slugs = [...new Set(read.flatMap((r) => (r.at ? [r.at.slug] : [])))];
      const externalKeys = [...new Set(read.flatMap((r) => (r.page ? [r.page.key] : [])))];
      const now = deps.clock.now();
      const [found, embedded] = await Promise.all([
        slugs.length === 0 ? [] : deps.store.publicCounts({ slugs, now }),
        externalKeys.length === 0 ? [] : deps.store.publicCounts({ externalKeys, now }),
      ]);
      return read.map(({ url, at, page }) => {
        const article = (page ? embedded.find((a) => a.externalKey === page.key) : undefined) ?? (at ? found.find((a) => a.externalKey === null && isAtPath(a, at.path)) : undefined);
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
