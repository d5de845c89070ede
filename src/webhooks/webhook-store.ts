// Webhooks and their deliveries: the port storage/sql-webhook-store.ts implements (the
// records themselves and the event names are in domain/webhook.ts).

import type { DeliveryEventName, DeliveryStatus, Webhook, WebhookDelivery, WebhookEventName } from '../domain/webhook.ts';

export { deliveryStatuses, isWebhookEventName, webhookEventNames, type DeliveryEventName, type DeliveryStatus, type Webhook, type WebhookDelivery, type WebhookEventName } from '../domain/webhook.ts';

export interface NewDelivery {
  readonly webhookId: number;
  readonly event: DeliveryEventName;
  readonly deliveryId: string;
  /** The JSON body, signed and sent byte for byte on every attempt. */
  readonly payload: string;
  readonly at: Date;
}

/** A delivery taken by one instance, with what sending it needs. */
export interface ClaimedDelivery {
  readonly id: number;
  readonly webhookId: number;
  readonly url: string;
  readonly secret: string;
  readonly event: string;
  readonly deliveryId: string;
  readonly payload: string;
  /** Attempts before this one. */
  readonly attempts: number;
  readonly createdAt: Date;
}

/** What one attempt came to. `queued` with a time: try again then. */
export interface AttemptOutcome {
  readonly status: DeliveryStatus;
  readonly httpStatus: number | null;
  readonly response: string | null;
  readonly error: string | null;
  readonly at: Date;
  readonly nextAttemptAt?: Date;
}

export interface WebhookStore {
  create(webhook: { url: string; secret: string; events: readonly WebhookEventName[]; createdBy: string; at: Date }): Promise<Webhook>;
  list(): Promise<Webhook[]>;
  find(id: number): Promise<Webhook | undefined>;
  setActive(id: number, active: boolean): Promise<boolean>;
  setSecret(id: number, secret: string): Promise<boolean>;
  /** The webhook and its deliveries. */
  delete(id: number): Promise<boolean>;
  enqueue(deliveries: readonly NewDelivery[]): Promise<void>;
  /**
   * Takes up to `limit` due deliveries of active webhooks for `leaseMs`: one conditional UPDATE
   * each (still queued, due, and not claimed or its claim run out), so of several instances
   * asking at once exactly one gets each.
   */
  claimDue(query: { now: Date; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]>;
  /** Records an attempt and releases the claim. */
  recordAttempt(id: number, outcome: AttemptOutcome): Promise<void>;
  /** A failed or waiting delivery is tried at once. False if it was already sent. */
  retryNow(id: number, now: Date): Promise<boolean>;
  /** The newest deliveries of each webhook, `perWebhook` at most. */
  recentDeliveries(query: { webhookIds: readonly number[]; perWebhook: number }): Promise<WebhookDelivery[]>;
  counts(): Promise<Record<DeliveryStatus, number>>;
  deleteSentBefore(before: Date): Promise<number>;
}
