// The admin area's door: every admin route says which area it belongs to; this loads the
// session from its cookie, sends strangers to sign in, refuses the wrong role (403), and
// refuses a state-changing request without the session's CSRF token (403).

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionRecord } from '../../accounts/staff-store.ts';
import { canAccess, type AdminArea } from '../../domain/staff.ts';
import type { AdminDeps } from './admin-deps.ts';
import { sendAdminError } from './admin-pages.ts';

export const sessionCookie = 'dateline_session';

const sessions = new WeakMap<FastifyRequest, SessionRecord>();

/** The signed-in staff member of a request that passed the guard. */
export function sessionOf(request: FastifyRequest): SessionRecord {
  const s = sessions.get(request);
  if (!s) throw new Error('sessionOf called on a request that did not pass the admin guard');
  return s;
}

export function createGuard(deps: AdminDeps) {
  return function guard(area: AdminArea | 'any') {
    return async function checkAccess(request: FastifyRequest, reply: FastifyReply) {
      const session = await deps.sessions.sessionFor(request.cookies[sessionCookie]);
      if (!session) {
        if (request.method === 'GET') return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303);
        return sendAdminError(deps, reply, 'sign_in_required', null);
      }
      if (area !== 'any' && !canAccess(session.staff.role, area)) return sendAdminError(deps, reply, 'role_forbidden', session);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const body = request.body as Record<string, unknown> | undefined;
        const token = typeof body?._csrf === 'string' ? body._csrf : request.headers['x-csrf-token'];
        if (token !== session.csrfToken) return sendAdminError(deps, reply, 'csrf_invalid', session);
      }
      sessions.set(request, session);
      reply.header('cache-control', 'private, no-store');
      return undefined;
    };
  };
}
