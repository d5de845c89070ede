// POST /comments/:id/reaction: a reader presses a comment's reaction button (a toggle). The
// body is the page's small urlencoded form (`back`: the view it was pressed on). Without
// JavaScript the answer is a 303 back to the comment in that view; the page's script asks for
// `Accept: application/json` and gets the new count to show in place. A post made from another
// site's page (Sec-Fetch-Site: cross-site) is refused, so no other site can react for a reader.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { articlePath } from '../../domain/article.ts';
import { discussionQuery, parseCommentSort } from '../../domain/discussion-view.ts';
import { AppError } from '../../domain/errors.ts';
import { commentId } from '../../domain/ids.ts';
import { statusForKind } from '../error-responses.ts';
import type { PageDeps } from '../page-deps.ts';
import { sendErrorPage, sendNotFound } from './error-pages.ts';

type FormBody = Record<string, string | string[] | undefined>;

export function createReactionRoute(deps: PageDeps) {
  return async function react(request: FastifyRequest<{ Params: { id: string }; Body: FormBody | undefined }>, reply: FastifyReply) {
    const wantsJson = (request.headers.accept ?? '').includes('application/json');
    const id = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : 0;
    try {
      if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('reaction_cross_site');
      if (id <= 0) throw new AppError('comment_not_found');
      const outcome = await deps.reactToComment({ commentId: commentId(id), ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      reply.header('cache-control', 'private, no-store');
      if (wantsJson) return reply.send({ count: outcome.count, reacted: outcome.reacted, countText: deps.site.messages.reactionCount(outcome.count) });
      return reply.redirect(`${articlePath(outcome.article)}${backQuery(request.body)}#comment-${outcome.comment.id}`, 303);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const status = statusForKind[e.kind];
      const message = deps.site.messages.errors[e.code];
      if (wantsJson) return reply.code(status).header('cache-control', 'private, no-store').send({ error: e.code, message });
      return status === 404 ? sendNotFound(deps, reply) : sendErrorPage(deps, reply, status, { text: message });
    }
  };
}

/** The view the button was pressed on, rebuilt from its known parts only (anything else is dropped). */
function backQuery(body: FormBody | undefined): string {
  const raw = typeof body?.back === 'string' ? body.back : '';
  const params = new URLSearchParams(raw.startsWith('?') ? raw.slice(1) : '');
  const number = (name: string) => {
    const value = params.get(name) ?? '';
    return /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
  };
  return discussionQuery({ sort: parseCommentSort(params.get('csort')), page: number('cpage') ?? 1, expand: number('expand') });
}
