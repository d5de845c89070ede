// Where an embed thread's discussion is served, and who may frame it. Its own path, so the
// thread's links that are only a query (`?replytocom=`, `?csort=`, `?expand=`) stay on it.

import type { FastifyReply } from 'fastify';
import type { Article } from '../../domain/article.ts';

export const embedPath = (article: Pick<Article, 'id'>): string => `/embed/articles/${article.id}/`;

/**
 * The site-wide headers (app.ts) with framing allowed to the embed origins: the same CSP but
 * `frame-ancestors`, and no X-Frame-Options (it cannot name other origins, and browsers that
 * know frame-ancestors ignore it anyway). For embed responses only.
 */
export function allowEmbedFraming(reply: FastifyReply, origins: readonly string[]): FastifyReply {
  const ancestors = ["'self'", ...origins].join(' ');
  reply.removeHeader('x-frame-options');
  return reply.header(
    'content-security-policy',
    `default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors ${ancestors}; base-uri 'none'; object-src 'none'`,
  );
}
