// Sending HTML: cached pages with an ETag (and 304 on a match), personal pages never stored.

import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage } from './page-cache.ts';

export const htmlType = 'text/html; charset=utf-8';

export function toCachedPage(html: string): CachedPage {
  const body = Buffer.from(html, 'utf8');
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** A page every anonymous reader gets the same: cacheable by browsers, revalidated each time. */
export function sendSharedPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage) {
  reply.header('content-type', htmlType).header('etag', page.etag).header('cache-control', 'public, max-age=0, must-revalidate').header('vary', 'Cookie');
  if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  return reply.send(page.body);
}

/** A page made for this reader alone (their prefill, their held comment, their errors). */
export function sendPersonalPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).header('content-type', htmlType).header('cache-control', 'private, no-store').header('vary', 'Cookie').send(html);
}
