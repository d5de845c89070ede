// Per-commenter rules from the admin: made from a comment in the queue, listed, lifted.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.ts';
import { commentId } from '../../domain/ids.ts';
import { staffActor } from '../../domain/staff.ts';
import { CommenterRulesView } from '../../views/admin/commenter-pages.tsx';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, field, formBody, sendAdminError, sendAdminPage } from './admin-pages.ts';
import { sessionOf } from './guard.ts';

const actorOf = (request: FastifyRequest) => staffActor(sessionOf(request).staff);

export function createCommenterRoutes(deps: AdminDeps) {
  return {
    async showRules(request: FastifyRequest, reply: FastifyReply) {
      return sendAdminPage(reply, CommenterRulesView({ ctx: adminContext(deps.site, sessionOf(request)), rules: await deps.commenterRuleStore.list() }));
    },

    async addRule(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const id = Number(field(body, 'comment_id'));
      const kind = field(body, 'kind');
      if (!Number.isInteger(id) || id <= 0 || (kind !== 'ban' && kind !== 'premoderate')) return sendAdminError(deps, reply, 'comment_not_found', sessionOf(request));
      try {
        await deps.commenterRules.addRule({ commentId: commentId(id), kind, withNetwork: field(body, 'network') === '1', reason: (field(body, 'reason') || field(body, `reason-${id}`)).trim().slice(0, 500) || null, actor: actorOf(request) });
      } catch (e) {
        if (e instanceof AppError) return sendAdminError(deps, reply, e.code, sessionOf(request));
        throw e;
      }
      return reply.redirect('/admin/commenters', 303);
    },

    async liftRule(request: FastifyRequest, reply: FastifyReply) {
      const id = Number(field(formBody(request), 'rule_id'));
      try {
        await deps.commenterRules.liftRule({ id, actor: actorOf(request) });
      } catch (e) {
        if (e instanceof AppError) return sendAdminError(deps, reply, e.code, sessionOf(request));
        throw e;
      }
      return reply.redirect('/admin/commenters', 303);
    },
  };
}
