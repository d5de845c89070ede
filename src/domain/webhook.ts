// A webhook (a URL subscribed to events) and a delivery to it, as stored and as the admin
// shows them; the event names a webhook may subscribe to.

/** What a webhook may subscribe to; `ping` (the admin's test) goes to one webhook only. */
export const webhookEventNames = ['comment.created', 'comment.approved', 'comment.status_changed', 'comment.edited', 'comment.deleted', 'article.published', 'article.updated'] as const;

export type WebhookEventName = (typeof webhookEventNames)[number];
export type DeliveryEventName = WebhookEventName | 'ping';

export const isWebhookEventName = (s: string): s is WebhookEventName => (webhookEventNames as readonly string[]).includes(s);

export const deliveryStatuses = ['queued', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface Webhook {
  readonly id: number;
  readonly url: string;
  readonly secret: string;
  readonly events: readonly WebhookEventName[];
  readonly active: boolean;
  readonly createdAt: Date;
  readonly createdBy: string;
}

export interface WebhookDelivery {
  readonly id: number;
  readonly webhookId: number;
  readonly event: string;
  readonly deliveryId: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  /** The HTTP status of the last attempt; null when no answer came (refused, timed out). */
  readonly lastStatus: number | null;
  /** The first 2 KB of the last answer's body. */
  readonly lastResponse: string | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
}
