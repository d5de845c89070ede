// GET /: the latest articles, cached like article pages.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { FrontPage } from '../../views/front-page.tsx';
import { renderDocument } from '../../views/layout.tsx';
import { frontPageTag } from '../page-cache.ts';
import type { PageDeps } from '../page-deps.ts';
import { sendSharedPage, toCachedPage } from '../send-page.ts';

const frontPageSize = 20;

export function createFrontPage(deps: PageDeps) {
  return async function showFrontPage(request: FastifyRequest, reply: FastifyReply) {
    if (deps.changedElsewhere()) deps.cache.clear();
    const now = deps.clock.now();
    const cached = deps.cache.get('/', now);
    if (cached) return sendSharedPage(request, reply, cached);
    const generation = deps.cache.generation();
    const [articles, nextScheduled] = await Promise.all([
      deps.articles.listLatest({ now, limit: frontPageSize }),
      deps.articles.nextPublicationAfter(now),
    ]);
    const page = toCachedPage(renderDocument(FrontPage({ site: deps.site, articles })), deps.cache.lastModifiedFor('/', now));
    // A scheduled article joins the list when its time comes, without anyone publishing.
    deps.cache.set('/', { tags: [frontPageTag], page, generation, expiresAt: nextScheduled });
    return sendSharedPage(request, reply, page);
  };
}
