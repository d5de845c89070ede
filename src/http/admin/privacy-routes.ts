// Staff's side of a commenter's data (admins): export as a JSON download, or erase at once.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import { staffActor } from '../../domain/staff.ts';
import { PrivacyAdminPage } from '../../views/admin/privacy-page.tsx';
import { statusForKind } from '../error-responses.ts';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, field, formBody, sendAdminPage } from './admin-pages.ts';
import { sessionOf } from './guard.ts';

const runsShown = 50;

export function createPrivacyRoutes(deps: AdminDeps) {
  const show = async (request: FastifyRequest, reply: FastifyReply, extra: { email?: string; done?: string | null; errors?: { field: string | null; message: string }[] } = {}, status = 200) =>
    sendAdminPage(
      reply,
      PrivacyAdminPage({ ctx: adminContext(deps.site, sessionOf(request)), runs: await deps.yourData.listRuns(runsShown), errors: extra.errors ?? [], email: extra.email ?? '', done: extra.done ?? null }),
      status,
    );

  return {
    showPrivacy: (request: FastifyRequest, reply: FastifyReply) => show(request, reply),

    async runPrivacy(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const email = field(body, 'email');
      const action = field(body, 'action');
      const actor = staffActor(sessionOf(request).staff);
      try {
        if (action === 'export') {
          const { json } = await deps.yourData.exportFor(email, actor);
          return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', 'attachment; filename="commenter-data.json"').header('cache-control', 'private, no-store').send(json);
        }
        const { comments } = await deps.yourData.eraseFor(email, { deleteComments: action === 'erase_and_delete', actor });
        return show(request, reply, { done: `Erased from ${comments} comment${comments === 1 ? '' : 's'}.` });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const errors = (e instanceof InvalidFields ? e.errors : [e]).map((x) => ({ field: x.field ?? null, message: deps.site.messages.errors[x.code] }));
        return show(request, reply, { email, errors }, statusForKind[e.kind]);
      }
    },
  };
}
