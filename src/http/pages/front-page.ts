// GET /: the latest articles a page at a time (`?page=N`, 404 past the end), with the most
// discussed articles of the last days beside page 1; cached like article pages.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { FrontPage } from '../../views/front-page.tsx';
import { renderDocument } from '../../views/layout.tsx';
import type { PageDeps } from '../page-deps.ts';
import { listMeta, listPageSize, serveListPage } from './listing-pages.ts';

/** "Most discussed" counts the approved comments written in this many days... */
export const mostDiscussedDays = 7;
const mostDiscussedCount = 5;
/** ...so comments age out of it with time alone: the cached page is rendered again at least this often. */
const mostDiscussedRefreshMs = 10 * 60_000;
const msPerDay = 86_400_000;

export function createFrontPage(deps: PageDeps) {
  return function showFrontPage(request: FastifyRequest, reply: FastifyReply) {
    return serveListPage(deps, request, reply, '/', async ({ page, origin, now }) => {
      const [list, mostDiscussed] = await Promise.all([
        deps.articles.listPublic({ filter: { kind: 'all' }, now, limit: listPageSize, offset: (page - 1) * listPageSize }),
        page === 1 ? deps.articles.listMostDiscussed({ now, since: new Date(now.getTime() - mostDiscussedDays * msPerDay), limit: mostDiscussedCount }) : [],
      ]);
      const pageCount = Math.max(1, Math.ceil(list.total / listPageSize));
      if (page > pageCount) return null;
      const site = deps.site;
      const meta = listMeta({
        origin,
        path: '/',
        page,
        title: site.name,
        description: site.messages.siteTagline,
        jsonLd: { '@context': 'https://schema.org', '@type': 'WebSite', name: site.name, url: `${origin}/` },
      });
      const html = renderDocument(FrontPage({ site, articles: list.articles, page, pageCount, mostDiscussed, mostDiscussedDays, meta }));
      return { html, refreshBy: page === 1 ? new Date(now.getTime() + mostDiscussedRefreshMs) : undefined };
    });
  };
}
