// The admin's "API tokens" page (any signed-in staff member, for their own tokens; an admin
// sees and may revoke everyone's): list, make (the secret is shown on the answer to the POST
// only, never in a URL), revoke.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { scopesForRole } from '../../domain/api-token.ts';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import { ApiTokenPageView, type ApiTokenPageProps } from '../../views/admin/api-token-pages.tsx';
import { statusForKind } from '../error-responses.ts';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, field, fields, formBody, sendAdminError, sendAdminPage } from './admin-pages.ts';
import { sessionOf } from './guard.ts';

type PageState = Partial<Pick<ApiTokenPageProps, 'errors' | 'values' | 'created' | 'notice'>>;

export function createApiTokenRoutes(deps: AdminDeps) {
  async function show(request: FastifyRequest, reply: FastifyReply, state: PageState = {}, status = 200) {
    const session = sessionOf(request);
    const [tokens, staff] = await Promise.all([deps.apiTokens.listFor(session.staff), deps.staff.list()]);
    return sendAdminPage(
      reply,
      ApiTokenPageView({
        ctx: adminContext(deps.site, session),
        tokens,
        scopes: scopesForRole(session.staff.role),
        owners: new Map(staff.map((s) => [s.id as number, s.name])),
        errors: state.errors ?? [],
        values: state.values ?? { name: '', scopes: [] },
        created: state.created ?? null,
        notice: state.notice ?? null,
      }),
      status,
    );
  }

  return {
    async showApiTokens(request: FastifyRequest, reply: FastifyReply) {
      const revoked = (request.query as { revoked?: string }).revoked === '1';
      return show(request, reply, { notice: revoked ? 'Revoked: the token no longer works.' : null });
    },

    async createApiToken(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const values = { name: field(body, 'name'), scopes: fields(body, 'scopes') };
      try {
        const { token, secret } = await deps.apiTokens.create(sessionOf(request).staff, values);
        return show(request, reply, { created: { name: token.name, secret } });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const errors = (e instanceof InvalidFields ? e.errors : [e]).map((x) => ({ field: x.field ?? null, message: deps.site.messages.errors[x.code] }));
        return show(request, reply, { errors, values }, statusForKind[e.kind]);
      }
    },

    async revokeApiToken(request: FastifyRequest, reply: FastifyReply) {
      const id = Number(field(formBody(request), 'id'));
      try {
        await deps.apiTokens.revoke(sessionOf(request).staff, Number.isSafeInteger(id) && id > 0 ? id : 0);
      } catch (e) {
        if (e instanceof AppError && e.code === 'api_token_not_found') return sendAdminError(deps, reply, e.code, sessionOf(request));
        throw e;
      }
      return reply.redirect('/admin/api-tokens?revoked=1', 303);
    },
  };
}
