// What the admin does with webhooks: add one (an http(s) URL and the events it wants; its
// secret is made here), switch it off and on, give it a new secret, delete it, send it a test
// ping, try a delivery again now, and see each with its latest deliveries.

import type { Clock } from '../lib/clock.ts';
import { newWebhookSecret } from './sign-webhook.ts';
import type { WebhookEvents } from './webhook-events.ts';
import { isWebhookEventName, type Webhook, type WebhookDelivery, type WebhookStore } from './webhook-store.ts';

export interface ManageWebhooksDeps {
  readonly webhooks: WebhookStore;
  readonly events: Pick<WebhookEvents, 'ping'>;
  readonly clock: Clock;
}

export const maxWebhookUrlChars = 2000;
const deliveriesShown = 10;

/** The URL as it will be called, or why it cannot be. */
export function checkWebhookUrl(raw: string): { url: string } | { error: string } {
  const trimmed = raw.trim();
  if (trimmed === '') return { error: 'Enter the URL the events should be sent to.' };
  if (trimmed.length > maxWebhookUrlChars) return { error: `The URL is too long (at most ${maxWebhookUrlChars} characters).` };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { error: 'The URL is not a valid address: it must start with https:// or http://.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `The URL must start with https:// or http:// (not ${url.protocol}).` };
  if (url.hash) return { error: 'The URL must not have a #fragment: it is never sent to the receiver.' };
  return { url: url.href };
}

export type AddWebhookResult = { readonly webhook: Webhook } | { readonly errors: readonly string[] };

export function createManageWebhooks(deps: ManageWebhooksDeps) {
  return {
    async add(input: { url: string; events: readonly string[]; createdBy: string }): Promise<AddWebhookResult> {
      const errors: string[] = [];
      const url = checkWebhookUrl(input.url);
      if ('error' in url) errors.push(url.error);
      const events = [...new Set(input.events)].filter(isWebhookEventName);
      if (events.length === 0) errors.push('Choose at least one event to send.');
      if ('error' in url || errors.length > 0) return { errors };
      return { webhook: await deps.webhooks.create({ url: url.url, secret: newWebhookSecret(), events, createdBy: input.createdBy, at: deps.clock.now() }) };
    },

    /** Every webhook, newest first, with its latest deliveries. */
    async list(): Promise<{ webhook: Webhook; deliveries: WebhookDelivery[] }[]> {
      const webhooks = await deps.webhooks.list();
      const deliveries = await deps.webhooks.recentDeliveries({ webhookIds: webhooks.map((w) => w.id), perWebhook: deliveriesShown });
      return webhooks.map((webhook) => ({ webhook, deliveries: deliveries.filter((d) => d.webhookId === webhook.id) }));
    },

    setActive: (id: number, active: boolean) => deps.webhooks.setActive(id, active),
    rotateSecret: (id: number) => deps.webhooks.setSecret(id, newWebhookSecret()),
    delete: (id: number) => deps.webhooks.delete(id),
    retry: (deliveryId: number) => deps.webhooks.retryNow(deliveryId, deps.clock.now()),

    async ping(id: number): Promise<boolean> {
      const webhook = await deps.webhooks.find(id);
      if (!webhook) return false;
      await deps.events.ping(webhook);
      return true;
    },
  };
}

export type ManageWebhooks = ReturnType<typeof createManageWebhooks>;
