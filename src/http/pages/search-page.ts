// GET /search?q=…&page=N: the reader's article search. Results are never kept in the page
// cache (a page per query would crowd out the articles); like other public pages a CDN may
// keep one for seconds, as every reader gets the same. Refused queries are not stored at all.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SearchProblem } from '../../domain/search.ts';
import { hitsPerPage } from '../../search/search-articles.ts';
import { renderDocument } from '../../views/layout.tsx';
import { SearchPage } from '../../views/search-page.tsx';
import type { PageDeps } from '../page-deps.ts';
import { sendErrorPage } from './error-pages.ts';
import { htmlType, sendPersonalPage, sharedCacheControl } from '../send-page.ts';

/** Refusals the reader caused with a malformed request; an empty or wordless query is just a form. */
const badRequest: ReadonlySet<SearchProblem> = new Set(['too_long', 'page_invalid']);

export function createSearchPage(deps: PageDeps) {
  return async function showSearchPage(request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
    const { q = '', page = '1' } = request.query;
    if (typeof q !== 'string' || typeof page !== 'string') return sendErrorPage(deps, reply, 400);
    const outcome = await deps.searchArticles({ text: q, page: /^\d{1,6}$/.test(page) ? Number(page) : Number.NaN });
    if (outcome.kind === 'refused') {
      const html = renderDocument(SearchPage({ site: deps.site, query: outcome.text, problem: outcome.problem }));
      return badRequest.has(outcome.problem) ? sendPersonalPage(reply, html, 400) : sendSearchPage(reply, html, outcome.text);
    }
    const html = renderDocument(SearchPage({ site: deps.site, query: outcome.text, page: outcome.page, perPage: hitsPerPage, hits: outcome.hits, hasNext: outcome.hasNext }));
    return sendSearchPage(reply, html, outcome.text);
  };
}

function sendSearchPage(reply: FastifyReply, html: string, query: string) {
  if (query !== '') reply.header('x-robots-tag', 'noindex');
  return reply.header('content-type', htmlType).header('cache-control', sharedCacheControl).send(html);
}
