// First-admin setup, sign in and sign out.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import { NewPasswordPage, ResetRequestPage, SetupPage, SignInPage } from '../../views/admin/account-pages.tsx';
import { sessionDays } from '../../accounts/sign-in.ts';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, field, formBody, safeNext, sendAdminError, sendAdminPage } from './admin-pages.ts';
import { sessionCookie } from './guard.ts';
import { statusForKind } from '../error-responses.ts';

export function createAccountRoutes(deps: AdminDeps) {
  const ctx = adminContext(deps.site, null);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies, maxAge: sessionDays * 86_400 };
  const messages = (e: AppError) => (e instanceof InvalidFields ? e.errors : [e]).map((x) => ({ field: x.field ?? null, message: deps.site.messages.errors[x.code] }));

  return {
    async showSignIn(request: FastifyRequest<{ Querystring: { next?: string } }>, reply: FastifyReply) {
      return sendAdminPage(reply, SignInPage({ ctx, email: '', next: safeNext(request.query.next ?? ''), errors: [] }));
    },

    async signIn(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const email = field(body, 'email');
      const next = safeNext(field(body, 'next'));
      try {
        const { token } = await deps.sessions.signIn({ email, password: field(body, 'password'), ip: request.ip });
        reply.setCookie(sessionCookie, token, cookieOptions);
        return reply.redirect(next, 303);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return sendAdminPage(reply, SignInPage({ ctx, email, next, errors: messages(e) }), statusForKind[e.kind]);
      }
    },

    async signOut(request: FastifyRequest, reply: FastifyReply) {
      await deps.sessions.signOut(request.cookies[sessionCookie]);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.redirect('/admin/login', 303);
    },

    async showResetRequest(_request: FastifyRequest, reply: FastifyReply) {
      return sendAdminPage(reply, ResetRequestPage({ ctx, sent: false }));
    },

    async requestReset(request: FastifyRequest, reply: FastifyReply) {
      // The link's address: the configured public URL, or the address this request came to.
      const linkBase = deps.publicUrl ?? `${request.protocol}://${request.host}`;
      await deps.passwordReset.requestReset({ email: field(formBody(request), 'email').slice(0, 200), linkBase });
      return sendAdminPage(reply, ResetRequestPage({ ctx, sent: true }));
    },

    async showNewPassword(request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) {
      if (!(await deps.passwordReset.isLinkValid(request.params.token))) return sendAdminError(deps, reply, 'reset_link_invalid', null);
      return sendAdminPage(reply, NewPasswordPage({ ctx, token: request.params.token, errors: [] }));
    },

    async setNewPassword(request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) {
      const body = formBody(request);
      try {
        await deps.passwordReset.resetPassword({ token: request.params.token, password: field(body, 'password'), passwordAgain: field(body, 'password_again') });
        return reply.redirect('/admin/login', 303);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (e.code === 'reset_link_invalid') return sendAdminError(deps, reply, e.code, null);
        return sendAdminPage(reply, NewPasswordPage({ ctx, token: request.params.token, errors: messages(e) }), statusForKind[e.kind]);
      }
    },

    async showSetup(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
      const token = request.query.token ?? '';
      if (!(await deps.addStaff.isSetupTokenValid(token))) return sendAdminError(deps, reply, 'setup_token_invalid', null);
      return sendAdminPage(reply, SetupPage({ ctx, token, values: { name: '', email: '' }, errors: [] }));
    },

    async setUp(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
      const token = request.query.token ?? '';
      const body = formBody(request);
      const values = { name: field(body, 'name'), email: field(body, 'email') };
      try {
        const admin = await deps.addStaff.setUpFirstAdmin(token, { ...values, password: field(body, 'password'), passwordAgain: field(body, 'password_again') });
        const { token: sessionToken } = await deps.sessions.startSession(admin);
        reply.setCookie(sessionCookie, sessionToken, cookieOptions);
        return reply.redirect('/admin/', 303);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (e.code === 'setup_token_invalid') return sendAdminError(deps, reply, e.code, null);
        return sendAdminPage(reply, SetupPage({ ctx, token, values, errors: messages(e) }), statusForKind[e.kind]);
      }
    },
  };
}
