// Sending HTML: cached pages with validators (ETag, Last-Modified; 304 on a match), a
// Cache-Control a shared cache (CDN) can honour, and gzip/Brotli variants made once per cached
// page and kept beside it. Personal pages are never stored by anyone.

import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage } from './page-cache.ts';

export const htmlType = 'text/html; charset=utf-8';

/**
 * Browsers revalidate every time (max-age=0, answered by a 304 when nothing changed); a shared
 * cache may serve the page for `sharedMaxAgeSeconds` and then, while it revalidates in the
 * background, a stale copy for up to `staleSeconds` more. Dateline's own cache is always exact;
 * a CDN in front of it lags by at most those few seconds, and never for a personal page.
 */
export const sharedMaxAgeSeconds = 5;
export const staleSeconds = 60;
export const sharedCacheControl = `public, max-age=0, s-maxage=${sharedMaxAgeSeconds}, stale-while-revalidate=${staleSeconds}`;
export const personalCacheControl = 'private, no-store';

/** `lastModified` from PageCache.lastModifiedFor (whole seconds, newer for every new version). */
export function toCachedPage(html: string, lastModified: Date): CachedPage {
  const body = Buffer.from(html, 'utf8');
  const hash = createHash('sha1').update(body).digest('base64url');
  return { body, etag: `"${hash}"`, lastModified: lastModified.toUTCString(), variants: {} };
}

export type Coding = 'br' | 'gzip' | 'identity';

/** The best coding the client accepts: br, then gzip, else none (q=0 refuses one). */
export function negotiateEncoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  let br = false;
  let gzip = false;
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === 'x-gzip') gzip = true;
    else if (name === '*') br = gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : 'identity';
}

/** The page's bytes in `coding`, compressed on first use and kept with the cached page. */
function variant(page: CachedPage, coding: Exclude<Coding, 'identity'>): Buffer {
  let bytes = page.variants[coding];
  if (bytes === undefined) {
    bytes =
      coding === 'br'
        ? brotliCompressSync(page.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: page.body.length } })
        : gzipSync(page.body, { level: 6 });
    page.variants[coding] = bytes;
  }
  return bytes;
}

const etagFor = (page: CachedPage, coding: Coding) => (coding === 'identity' ? page.etag : `${page.etag.slice(0, -1)}-${coding}"`);

function notModified(request: FastifyRequest, page: CachedPage, etag: string): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // Any variant's tag means the client has this version of the page.
    const base = page.etag.slice(1, -1);
    return ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim().replace(/^W\//, '');
      return t === '*' || t === etag || t.slice(1, -1).replace(/-(br|gzip)$/, '') === base;
    });
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined) return false;
  const sinceMs = Date.parse(since);
  return Number.isFinite(sinceMs) && Date.parse(page.lastModified) <= sinceMs;
}

/** A page (or feed, or sitemap) every anonymous reader gets the same: cacheable, revalidated, compressed if accepted. */
export function sendSharedPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage, contentType = htmlType) {
  const coding = negotiateEncoding(request.headers['accept-encoding']);
  const etag = etagFor(page, coding);
  reply
    .header('content-type', contentType)
    .header('etag', etag)
    .header('last-modified', page.lastModified)
    .header('cache-control', sharedCacheControl)
    .header('vary', 'Accept-Encoding, Cookie');
  if (notModified(request, page, etag)) return reply.code(304).send();
  if (coding === 'identity') return reply.send(page.body);
  return reply.header('content-encoding', coding).send(variant(page, coding));
}

/** A page made for this reader alone (their prefill, their held comment, their errors). */
export function sendPersonalPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).header('content-type', htmlType).header('cache-control', personalCacheControl).header('vary', 'Cookie').send(html);
}
