// Sending a feed (RSS, Atom or JSON Feed) through the page cache, with ETag, Last-Modified and
// 304 answers. Every feed route calls `sendFeed`: the site's article and comment feeds
// (pages/feed-routes.ts) and the section, tag and author feeds. Usage:
//
//   app.get('/section/:slug/feed/', (request, reply) =>
//     sendFeed(deps, request, reply, {
//       format: 'rss',
//       load: async (baseUrl) => {            // baseUrl: 'https://news.example.com', no slash
//         const articles = …;                  // null from load answers 404
//         return {
//           channel: { …, homeUrl: `${baseUrl}/section/x/`, feedUrls: feedUrlsFor(baseUrl, '/section/x/') },
//           entries: articles.map((a) => articleFeedEntry(baseUrl, a)),
//           cacheTags: [articleListTag],       // page-cache.ts tags: dropped when one is invalidated
//           expiresAt: nextScheduledPublication, // optional: when time alone changes the feed
//         };
//       },
//     }));
//
// `load` runs only when the cache has no copy, so a cache hit costs no query.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { articlePath, type Article } from '../domain/article.ts';
import { feedContentTypes, renderFeed, type FeedChannel, type FeedEntry, type FeedFormat } from '../views/feeds.ts';
import { sendSharedDocument, type SharedDocumentDeps } from './send-shared-document.ts';

/** What a feed shows and what invalidates it. */
export interface FeedContent {
  readonly channel: FeedChannel;
  readonly entries: readonly FeedEntry[];
  /** Page-cache tags (page-cache.ts): the feed is dropped when any of them is invalidated. */
  readonly cacheTags: readonly string[];
  /** When time alone changes the feed (a scheduled article comes out); absent = never. */
  readonly expiresAt?: Date | null;
}

export function sendFeed(
  deps: SharedDocumentDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { format: FeedFormat; load: (baseUrl: string) => Promise<FeedContent | null> },
) {
  return sendSharedDocument(deps, request, reply, {
    contentType: feedContentTypes[options.format],
    render: async (baseUrl) => {
      const content = await options.load(baseUrl);
      if (content === null) return null;
      const { body } = renderFeed(options.format, content.channel, content.entries);
      return { body, cacheTags: content.cacheTags, expiresAt: content.expiresAt ?? null };
    },
  });
}

/** The three feed addresses of the page at `path` (ending in a slash): `feed/`, `feed/atom/`, `feed.json`. */
export function feedUrlsFor(baseUrl: string, path: string): FeedChannel['feedUrls'] {
  return { rss: `${baseUrl}${path}feed/`, atom: `${baseUrl}${path}feed/atom/`, json: `${baseUrl}${path}feed.json` };
}

/** An article as a feed entry: its permalink is its id, its section and tags its categories. */
export function articleFeedEntry(baseUrl: string, article: Article): FeedEntry {
  const url = `${baseUrl}${articlePath(article)}`;
  const categories = [...(article.section ? [article.section] : []), ...(article.tags ?? [])];
  return {
    id: url,
    url,
    title: article.title,
    contentHtml: article.bodyHtml,
    ...(article.summary ? { summary: article.summary } : {}),
    published: article.publishedAt,
    // An article saved before its scheduled time was still new when it came out.
    updated: new Date(Math.max(article.updatedAt.getTime(), article.publishedAt.getTime())),
    ...(article.byline ? { authorName: article.byline } : {}),
    ...(categories.length > 0 ? { categories } : {}),
  };
}

/** The newest `updated` of the entries; `fallback` for an empty feed. */
export function lastUpdated(entries: readonly FeedEntry[], fallback: Date): Date {
  return entries.reduce<Date | null>((newest, entry) => (newest === null || entry.updated > newest ? entry.updated : newest), null) ?? fallback;
}
