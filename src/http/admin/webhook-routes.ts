// The admin's Webhooks page (admins only): add a webhook, switch it off and on, give it a new
// secret, delete it, send it a test ping, and try a delivery again now.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { webhookEventNames } from '../../webhooks/webhook-store.ts';
import { WebhooksPageView, type WebhooksPageProps } from '../../views/admin/webhooks-page.tsx';
import type { AdminDeps } from './admin-deps.ts';
import { adminContext, field, fields, formBody, sendAdminPage } from './admin-pages.ts';
import { sessionOf } from './guard.ts';

type PageState = Partial<Pick<WebhooksPageProps, 'errors' | 'values' | 'notice'>>;

const notices: Record<string, string> = {
  added: 'Webhook added. Give its signing secret to the receiver so it can check each delivery.',
  ping: 'A ping is queued: it goes out within a few seconds.',
  activate: 'Switched on: its waiting deliveries go out again.',
  deactivate: 'Switched off: nothing is sent until it is switched on again.',
  rotate: 'New secret made: deliveries are signed with it from now on.',
  delete: 'Webhook deleted, with its deliveries.',
  retry: 'The delivery will be tried again within a few seconds.',
  missing: 'That webhook or delivery no longer exists (or was already delivered).',
};

const idOf = (raw: string): number => {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};

export function createWebhookRoutes(deps: AdminDeps) {
  async function show(request: FastifyRequest, reply: FastifyReply, state: PageState = {}, status = 200) {
    const webhooks = await deps.webhooks.list();
    return sendAdminPage(
      reply,
      WebhooksPageView({
        ctx: adminContext(deps.site, sessionOf(request)),
        eventNames: webhookEventNames,
        webhooks,
        errors: state.errors ?? [],
        values: state.values ?? { url: '', events: [] },
        notice: state.notice ?? null,
      }),
      status,
    );
  }

  const done = (reply: FastifyReply, what: string) => reply.redirect(`/admin/webhooks?done=${what}`, 303);

  return {
    async showWebhooks(request: FastifyRequest, reply: FastifyReply) {
      const what = (request.query as { done?: string }).done ?? '';
      return show(request, reply, { notice: Object.hasOwn(notices, what) ? notices[what] : null });
    },

    async addWebhook(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const values = { url: field(body, 'url'), events: fields(body, 'events') };
      const result = await deps.webhooks.add({ ...values, createdBy: sessionOf(request).staff.name });
      if ('errors' in result) return show(request, reply, { errors: result.errors, values }, 422);
      return done(reply, 'added');
    },

    async actOnWebhook(request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const id = idOf(field(body, 'id'));
      const action = field(body, 'action');
      const acts: Record<string, () => Promise<boolean>> = {
        ping: () => deps.webhooks.ping(id),
        activate: () => deps.webhooks.setActive(id, true),
        deactivate: () => deps.webhooks.setActive(id, false),
        rotate: () => deps.webhooks.rotateSecret(id),
        delete: () => deps.webhooks.delete(id),
      };
      const act = Object.hasOwn(acts, action) ? acts[action] : undefined;
      if (!act) return show(request, reply, { errors: ['Choose what to do with the webhook.'] }, 422);
      return done(reply, (await act()) ? action : 'missing');
    },

    async retryWebhookDelivery(request: FastifyRequest, reply: FastifyReply) {
      const ok = await deps.webhooks.retry(idOf(field(formBody(request), 'id')));
      return done(reply, ok ? 'retry' : 'missing');
    },
  };
}
