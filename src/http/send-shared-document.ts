// Documents other than HTML pages that every reader gets the same (feeds, sitemaps): kept in
// the page cache under their address, dropped by tag like pages, sent with ETag and
// Last-Modified and answered 304 when the reader has them already.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendNotFound } from './pages/error-pages.ts';
import type { PageDeps } from './page-deps.ts';
import { sendSharedPage, toCachedPage } from './send-page.ts';

/** A rendered document and what decides how long it stays cached. */
export interface SharedDocument {
  readonly body: string;
  /** Page-cache tags (page-cache.ts) whose invalidation drops it. */
  readonly cacheTags: readonly string[];
  /** When time alone changes it (a scheduled article comes out); null or absent = never. */
  readonly expiresAt?: Date | null;
}

/** What sending a shared document needs of the page handlers' dependencies. */
export type SharedDocumentDeps = Pick<PageDeps, 'site' | 'cache' | 'clock' | 'publicUrl' | 'changedElsewhere'>;

/** The site's address without a trailing slash: DATELINE_PUBLIC_URL, else the request's own scheme and host. */
export function siteBaseUrl(deps: Pick<PageDeps, 'publicUrl'>, request: FastifyRequest): string {
  return deps.publicUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * Sends the document at the request's path from the cache, or renders it with `render` (given
 * the site's base URL for absolute links) and caches it; `render` answering null means 404.
 */
export async function sendSharedDocument(
  deps: SharedDocumentDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { contentType: string; render: (baseUrl: string) => Promise<SharedDocument | null> },
) {
  if (deps.changedElsewhere()) deps.cache.clear();
  const baseUrl = siteBaseUrl(deps, request);
  const path = request.url.split('?')[0] ?? request.url;
  // Absolute links taken from the Host header differ by host, so the host is part of the key.
  const key = deps.publicUrl === null ? `${baseUrl}${path}` : path;
  const cached = deps.cache.get(key, deps.clock.now()) ?? (await deps.cache.rendered(key));
  if (cached) return sendSharedPage(request, reply, cached, options.contentType);
  const generation = deps.cache.generation();
  const finish = deps.cache.beginRender(key, generation);
  try {
    const document = await options.render(baseUrl);
    if (document === null) return sendNotFound(deps, reply);
    const page = toCachedPage(document.body, deps.cache.lastModifiedFor(key, deps.clock.now()));
    deps.cache.set(key, { tags: document.cacheTags, page, generation, expiresAt: document.expiresAt ?? null });
    return sendSharedPage(request, reply, page, options.contentType);
  } finally {
    finish();
  }
}
