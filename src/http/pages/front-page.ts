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
    const cached = deps.cache.get('/');
    if (cached) return sendSharedPage(request, reply, cached);
    const generation = deps.cache.generation();
    const articles = await deps.articles.listLatest({ now: deps.clock.now(), limit: frontPageSize });
    const page = toCachedPage(renderDocument(FrontPage({ site: deps.site, articles })));
    deps.cache.set('/', [frontPageTag], page, generation);
    return sendSharedPage(request, reply, page);
  };
}
