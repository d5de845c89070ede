// Imported articles keep their old addresses: WordPress's `/?p=123` (and `?page_id=`) and its
// permalinks answer 301 to the article's address here. The `?p=` form is checked before any
// route (it would otherwise be the front page); other old paths only when nothing else
// answered (the not-found handler), so ordinary requests never pay for a look-up.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { articlePath } from '../domain/article.ts';
import { oldUrlCandidates } from '../domain/old-url.ts';
import type { PageDeps } from './page-deps.ts';
import { sendNotFound } from './pages/error-pages.ts';

const wordpressQuery = /[?&](p|page_id)=\d/;

/** Answers 301 when the address is an imported article's old one; false when it is not. */
async function redirectOld(deps: PageDeps, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = new URL(request.url, 'http://host.invalid');
  const article = await deps.oldUrls.publicArticleAt({ paths: oldUrlCandidates(url.pathname, url.search), now: deps.clock.now() });
  if (!article) return false;
  reply.redirect(articlePath(article), 301);
  return true;
}

export function registerOldUrlRedirects(app: FastifyInstance, deps: PageDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    if (wordpressQuery.test(request.url) && (await redirectOld(deps, request, reply))) return reply;
    return undefined;
  });
}

/** The not-found handler: an old address redirects, anything else is the 404 page. */
export function notFoundOrOldUrl(deps: PageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (await redirectOld(deps, request, reply)) return reply;
    return sendNotFound(deps, reply);
  };
}
