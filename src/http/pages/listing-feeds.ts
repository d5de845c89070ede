// The feeds of a section, tag or author page: `<page>feed/` (RSS), `<page>feed/atom/` and
// `<page>feed.json`, its latest public articles; 404 when the list is unknown or empty.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugPattern } from '../../domain/article.ts';
import type { ListingKind } from '../../domain/listing.ts';
import type { FeedFormat } from '../../views/feeds.ts';
import { listingDescription, listingTitle } from '../../views/listing-page.tsx';
import { articleFeedEntry, feedUrlsFor, lastUpdated, sendFeed } from '../feeds.ts';
import { articleListTag } from '../page-cache.ts';
import type { PageDeps } from '../page-deps.ts';

const articlesPerFeed = 20;

export function createListingFeeds(deps: PageDeps) {
  return (kind: ListingKind, format: FeedFormat) =>
    function sendListingFeed(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply) {
      return sendFeed(deps, request, reply, {
        format,
        load: async (baseUrl) => {
          const { slug } = request.params;
          if (!slugPattern.test(slug)) return null;
          const now = deps.clock.now();
          const path = `/${kind}/${slug}/`;
          const [list, nextScheduled] = await Promise.all([
            deps.articles.listPublic({ filter: { kind, slug }, now, limit: articlesPerFeed, offset: 0 }),
            deps.articles.nextPublicationAfter(now),
          ]);
          if (list.name === null) return null;
          const entries = list.articles.map(({ article }) => articleFeedEntry(baseUrl, article));
          const channel = {
            title: `${listingTitle(deps.site, kind, list.name)} — ${deps.site.name}`,
            description: listingDescription(deps.site, kind, list.name),
            homeUrl: `${baseUrl}${path}`,
            feedUrls: feedUrlsFor(baseUrl, path),
            language: deps.site.locale,
            updated: lastUpdated(entries, now),
          };
          // Which articles a list holds changes only when an article is saved (or comes out).
          return { channel, entries, cacheTags: [articleListTag], expiresAt: nextScheduled };
        },
      });
    };
}
