// Comments on another site's page (issue 8, item 6). /embed.js on that page makes an iframe of
// /embed/thread?url=…&title=…, which finds (or, for an allowed origin, makes) the page's thread
// and redirects to /embed/articles/ID/: the article page's discussion in a frame of its own,
// cached for anonymous readers like the article page, under the same tag. Every /embed/*
// response may be framed by DATELINE_EMBED_ORIGINS and by nobody else.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commentsCloseAt, isPublic } from '../../domain/article.ts';
import { articleId } from '../../domain/ids.ts';
import { discussionQuery, parseCommentSort, type DiscussionView } from '../../domain/discussion-view.ts';
import { emptyFormValues } from '../../views/comment-form.tsx';
import { EmbedRefusedPage } from '../../views/embed-page.tsx';
import { renderDocument } from '../../views/layout.tsx';
import { articleTag } from '../page-cache.ts';
import type { EmbedDeps, PageDeps } from '../page-deps.ts';
import { sendPersonalPage, sendSharedPage, toCachedPage } from '../send-page.ts';
import { siteBaseUrl } from '../send-shared-document.ts';
import type { ArticlePageHandlers } from './article-page.ts';
import { allowEmbedFraming, embedPath } from './embed-frame.ts';
import { sendNotFound } from './error-pages.ts';

type EmbedQuery = Record<string, string | string[] | undefined>;

export function registerEmbedPages(app: FastifyInstance, deps: PageDeps & { embed: EmbedDeps }, pages: ArticlePageHandlers) {
  const origins = deps.embed.origins;

  /** /embed/thread?url=…&title=…: the page's thread (made on first use for an allowed origin), or why there is none. */
  async function open(request: FastifyRequest<{ Querystring: EmbedQuery }>, reply: FastifyReply) {
    const opened = await deps.embed.openThread(one(request.query.url), one(request.query.title));
    if (opened.kind === 'thread') return reply.redirect(embedPath(opened.article), 302);
    const html = renderDocument(EmbedRefusedPage({ site: deps.site }));
    return sendPersonalPage(reply, html, opened.kind === 'not_allowed' ? 403 : 400);
  }

  /** /embed/articles/ID/: like the article page (article-page.ts show), for embed threads only. */
  async function show(request: FastifyRequest<{ Params: { id: string }; Querystring: EmbedQuery }>, reply: FastifyReply) {
    if (deps.changedElsewhere()) deps.cache.clear();
    const id = parseId(request.params.id);
    if (id === null) return sendNotFound(deps, reply);
    const canonical = `/embed/articles/${id}/`;
    const replyToId = parseId(one(request.query.replytocom));
    const held = one(request.query.held) === '1';
    const view: DiscussionView = { sort: parseCommentSort(one(request.query.csort)), page: parseId(one(request.query.cpage)) ?? 1, expand: parseId(one(request.query.expand)) };
    // Nothing on the page depends on the host it was asked at (no absolute links), so the path and view are the key.
    const key = `${canonical}${discussionQuery(view)}`;
    // `held` is said to this reader only: a notice that must not reach the next reader from the cache.
    const personal = deps.cookies.isPersonal(request) || replyToId !== null || held;
    if (!personal) {
      const cached = deps.cache.get(key, deps.clock.now());
      if (cached) return sendSharedPage(request, reply, cached);
    }
    const generation = deps.cache.generation();
    const article = await deps.articles.findById(articleId(id));
    if (!article || !article.externalUrl || !isPublic(article, deps.clock.now())) return sendNotFound(deps, reply);
    const origin = siteBaseUrl(deps, request);
    if (!personal) {
      const html = await pages.renderArticle(article, { values: emptyFormValues, errors: [], replyToId: null }, [], { origin, ...view, embed: { held: false } });
      if (html === null) return redirectToShownView(reply, canonical, view);
      const cachedPage = toCachedPage(html, deps.cache.lastModifiedFor(key, deps.clock.now()));
      const settings = await deps.settings.discussion();
      deps.cache.set(key, { tags: [articleTag(article.id)], page: cachedPage, generation, expiresAt: commentsCloseAt(article, settings) });
      return sendSharedPage(request, reply, cachedPage);
    }
    // Cookies reach a frame only when the host page is on the same site (a third-party frame gets none): then as on the article page.
    const remembered = deps.cookies.remembered(request);
    const values = remembered ? { ...emptyFormValues, author: remembered.name, email: remembered.email, url: remembered.url, consent: true } : emptyFormValues;
    const now = deps.clock.now();
    const editable = new Set([...deps.cookies.ownComments(request, now)].filter(([, until]) => until > now).map(([commentId]) => commentId as number));
    const html = await pages.renderArticle(article, { values, errors: [], replyToId }, deps.cookies.pendingIds(request, now), { origin, ...view, editable, embed: { held } });
    if (html === null) return redirectToShownView(reply, canonical, view);
    return sendPersonalPage(reply, html);
  }

  app.register(async (scope) => {
    // After app.ts's own hook (a parent's hooks run first): these responses may be framed by the embed origins.
    scope.addHook('onRequest', async (_request, reply) => {
      allowEmbedFraming(reply, origins);
    });
    scope.get('/embed/thread', open);
    scope.get('/embed/articles/:id/', show);
    scope.get('/embed/articles/:id', (request, reply) => reply.redirect(`${request.url.split('?')[0]}/`, 301));
  });
}

/** A view that does not exist is redirected (as on the article page), so no cache key is made of it. */
function redirectToShownView(reply: FastifyReply, canonical: string, view: DiscussionView) {
  if (view.expand !== null) return reply.redirect(`${canonical}${discussionQuery({ ...view, expand: null })}#comments`, 302);
  return reply.redirect(`${canonical}${discussionQuery({ ...view, page: 1 })}#comments`, 301);
}

/** A query parameter as one string: missing or repeated is ''. */
function one(raw: string | string[] | undefined): string {
  return typeof raw === 'string' ? raw : '';
}

function parseId(raw: string): number | null {
  if (!/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}
