// GET /section/:slug/, /tag/:slug/ and /author/:slug/: a section's, tag's or author's public
// articles a page at a time (`?page=N`), cached like the front page; 404 when the list is
// unknown or empty, or the page is past its end. Also the flow every list page shares.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugPattern } from '../../domain/article.ts';
import type { ListingKind } from '../../domain/listing.ts';
import { renderDocument } from '../../views/layout.tsx';
import { ListingPage, listingDescription, listingTitle } from '../../views/listing-page.tsx';
import type { FeedLink, PageMeta } from '../../views/page-meta.tsx';
import { frontPageTag } from '../page-cache.ts';
import type { PageDeps } from '../page-deps.ts';
import { sendSharedPage, toCachedPage } from '../send-page.ts';
import { siteBaseUrl } from '../send-shared-document.ts';
import { feedUrlsFor } from '../feeds.ts';
import { sendNotFound } from './error-pages.ts';

export const listPageSize = 20;

/** A list page as rendered: its HTML, and a time by which it must be rendered again, if any. */
export interface RenderedList {
  readonly html: string;
  readonly refreshBy?: Date;
}

/** Renders page `page` of a list for readers at `origin`; null when there is no such page (404). */
export type RenderList = (view: { page: number; origin: string; now: Date }) => Promise<RenderedList | null>;

/** `?page=N`: 1 when absent; null when malformed or below 1. */
function parsePage(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  if (!/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

/**
 * The flow of every list page: `?page=1` redirects to the list's own address; the cache answers
 * when it can; else the page is rendered and kept until an article or a public comment changes
 * (every list carries the front page's tag, which every such event drops), the next scheduled
 * article comes out, or `refreshBy`.
 */
export async function serveListPage(deps: PageDeps, request: FastifyRequest, reply: FastifyReply, path: string, render: RenderList) {
  if (deps.changedElsewhere()) deps.cache.clear();
  const raw = (request.query as { page?: string }).page;
  const page = parsePage(raw);
  if (page === null) return sendNotFound(deps, reply);
  if (raw !== undefined && page === 1) return reply.redirect(path, 301);
  const origin = siteBaseUrl(deps, request);
  // Absolute links taken from the Host header differ by host, so the host is part of the key then.
  const key = `${deps.publicUrl === null ? origin : ''}${page === 1 ? path : `${path}?page=${page}`}`;
  const now = deps.clock.now();
  const cached = deps.cache.get(key, now) ?? (await deps.cache.rendered(key));
  if (cached) return sendSharedPage(request, reply, cached);
  const generation = deps.cache.generation();
  const finish = deps.cache.beginRender(key, generation);
  try {
    const [rendered, nextScheduled] = await Promise.all([render({ page, origin, now }), deps.articles.nextPublicationAfter(now)]);
    if (rendered === null) return sendNotFound(deps, reply);
    const cachedPage = toCachedPage(rendered.html, deps.cache.lastModifiedFor(key, now));
    deps.cache.set(key, { tags: [frontPageTag], page: cachedPage, generation, expiresAt: earliest(nextScheduled, rendered.refreshBy) });
    return sendSharedPage(request, reply, cachedPage);
  } finally {
    finish();
  }
}

/** The metadata of page `page` of a list at `path`. */
export function listMeta(view: { origin: string; path: string; page: number; title: string; description: string; feeds?: readonly FeedLink[]; jsonLd?: PageMeta['jsonLd'] }): PageMeta {
  const { origin, path, page } = view;
  return {
    canonicalUrl: `${origin}${path}${page > 1 ? `?page=${page}` : ''}`,
    title: view.title,
    description: view.description,
    type: 'website',
    ...(view.feeds ? { feeds: view.feeds } : {}),
    ...(view.jsonLd ? { jsonLd: view.jsonLd } : {}),
  };
}

/** The three feeds of the page at `path`, as links. */
export function feedLinks(origin: string, path: string): FeedLink[] {
  const urls = feedUrlsFor(origin, path);
  return [
    { format: 'rss', href: urls.rss },
    { format: 'atom', href: urls.atom },
    { format: 'json', href: urls.json },
  ];
}

export function createListingPages(deps: PageDeps) {
  const show = (kind: ListingKind) =>
    async function showListing(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply) {
      const { slug } = request.params;
      if (!slugPattern.test(slug)) return sendNotFound(deps, reply);
      const path = `/${kind}/${slug}/`;
      return serveListPage(deps, request, reply, path, async ({ page, origin, now }) => {
        const list = await deps.articles.listPublic({ filter: { kind, slug }, now, limit: listPageSize, offset: (page - 1) * listPageSize });
        const pageCount = Math.ceil(list.total / listPageSize);
        if (list.name === null || page > pageCount) return null;
        const meta = listMeta({ origin, path, page, title: listingTitle(deps.site, kind, list.name), description: listingDescription(deps.site, kind, list.name), feeds: feedLinks(origin, path) });
        return { html: renderDocument(ListingPage({ site: deps.site, kind, name: list.name, path, articles: list.articles, page, pageCount, meta })) };
      });
    };

  /** `/section/world` → `/section/world/` (a list's one address ends with a slash). */
  function addSlash(request: FastifyRequest, reply: FastifyReply) {
    const [path, query] = request.url.split('?');
    return reply.redirect(`${path}/${query === undefined ? '' : `?${query}`}`, 301);
  }

  return { section: show('section'), tag: show('tag'), author: show('author'), addSlash };
}

function earliest(a: Date | null, b: Date | undefined): Date | null {
  if (!b) return a;
  return a === null || b.getTime() < a.getTime() ? b : a;
}
