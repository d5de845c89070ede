// The admin's view of the outbox (admins only): mail by status, and "try again now".

import type { FastifyReply, FastifyRequest } from 'fastify';
import { outboxStatuses, type OutboxStatus } from '../../notify/outbox-store.ts';
import { OutboxPageView } from '../../views/admin/outbox-page.tsx';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, field, formBody, sendAdminPage } from './admin-pages.ts';
import { sessionOf } from './guard.ts';

const shown = 100;

export function createOutboxRoutes(deps: AdminDeps) {
  return {
    async showOutbox(request: FastifyRequest, reply: FastifyReply) {
      const raw = (request.query as { status?: string }).status ?? '';
      const status = (outboxStatuses as readonly string[]).includes(raw) ? (raw as OutboxStatus) : null;
      const [counts, entries] = await Promise.all([deps.outbox.counts(), deps.outbox.list({ status, limit: shown })]);
      return sendAdminPage(reply, OutboxPageView({ ctx: adminContext(deps.site, sessionOf(request)), status, counts, entries, delivery: deps.mailDelivery }));
    },

    async retryMail(request: FastifyRequest, reply: FastifyReply) {
      const id = Number(field(formBody(request), 'id'));
      if (Number.isSafeInteger(id) && id > 0) await deps.outbox.retryNow(id, deps.clock.now());
      return reply.redirect('/admin/outbox', 303);
    },
  };
}
