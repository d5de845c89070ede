// WebhookStore over Kysely. The claim is a conditional UPDATE per delivery (still queued, due,
// its lease free or run out, checked in the WHERE), so of several instances exactly one takes
// each, on both dialects: PostgreSQL re-checks the WHERE on a row another transaction just
// updated, SQLite runs one writer at a time.

import { sql, type Kysely, type Selectable } from 'kysely';
import type { AttemptOutcome, ClaimedDelivery, DeliveryStatus, NewDelivery, Webhook, WebhookDelivery, WebhookEventName, WebhookStore } from '../webhooks/webhook-store.ts';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from './schema.ts';
import { preparedQuery } from './prepared-query.ts';

// Read for every event, to see who is subscribed (prepared-query.ts).
const allWebhooks = preparedQuery<Record<string, never>, Selectable<WebhooksTable>>([], (db) => db.selectFrom('webhooks').selectAll().orderBy('id', 'desc'));

export class SqlWebhookStore implements WebhookStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(w: { url: string; secret: string; events: readonly WebhookEventName[]; createdBy: string; at: Date }): Promise<Webhook> {
    const row = await this.#db
      .insertInto('webhooks')
      .values({ url: w.url, secret: w.secret, events: w.events.join(' '), active: 1, created_at: w.at.getTime(), created_by: w.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWebhook(row);
  }

  async list(): Promise<Webhook[]> {
    return (await allWebhooks(this.#db, {})).rows.map(toWebhook);
  }

  async find(id: number): Promise<Webhook | undefined> {
    const row = await this.#db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toWebhook(row);
  }

  async setActive(id: number, active: boolean): Promise<boolean> {
    const result = await this.#db.updateTable('webhooks').set({ active: active ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setSecret(id: number, secret: string): Promise<boolean> {
    const result = await this.#db.updateTable('webhooks').set({ secret }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(id: number): Promise<boolean> {
    // Deliveries go by the foreign key's cascade on both dialects.
    const result = await this.#db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async enqueue(deliveries: readonly NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.#db
      .insertInto('webhook_deliveries')
      .values(deliveries.map((d) => ({ webhook_id: d.webhookId, event: d.event, delivery_uuid: d.deliveryId, payload: d.payload, status: 'queued', next_attempt_at: d.at.getTime(), created_at: d.at.getTime() })))
      .execute();
  }

  async claimDue(query: { now: Date; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]> {
    const now = query.now.getTime();
    const candidates = await this.#db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(['d.id', 'd.webhook_id', 'd.event', 'd.delivery_uuid', 'd.payload', 'd.attempts', 'd.created_at', 'w.url', 'w.secret'])
      .where('d.status', '=', 'queued')
      .where('d.next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('d.claimed_until', 'is', null), eb('d.claimed_until', '<', now)]))
      .where('w.active', '=', 1)
      .orderBy('d.id')
      .limit(query.limit)
      .execute();
    const claimed: ClaimedDelivery[] = [];
    for (const row of candidates) {
      const result = await this.#db
        .updateTable('webhook_deliveries')
        .set({ claimed_until: now + query.leaseMs })
        .where('id', '=', row.id)
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      claimed.push({ id: row.id, webhookId: row.webhook_id, url: row.url, secret: row.secret, event: row.event, deliveryId: row.delivery_uuid, payload: row.payload, attempts: Number(row.attempts), createdAt: new Date(Number(row.created_at)) });
    }
    return claimed;
  }

  async recordAttempt(id: number, o: AttemptOutcome): Promise<void> {
    await this.#db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: o.status,
        attempts: eb('attempts', '+', 1),
        claimed_until: null,
        last_status: o.httpStatus,
        last_response: o.response,
        last_error: o.error,
        ...(o.nextAttemptAt ? { next_attempt_at: o.nextAttemptAt.getTime() } : {}),
        ...(o.status === 'sent' ? { delivered_at: o.at.getTime() } : {}),
      }))
      .where('id', '=', id)
      .execute();
  }

  async retryNow(id: number, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('webhook_deliveries')
      .set({ status: 'queued', next_attempt_at: now.getTime() })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'failed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recentDeliveries(query: { webhookIds: readonly number[]; perWebhook: number }): Promise<WebhookDelivery[]> {
    if (query.webhookIds.length === 0) return [];
    // A few webhooks, a few rows each: one indexed read per webhook beats a window function both dialects must agree on.
    const lists = await Promise.all(
      query.webhookIds.map((webhookId) =>
        this.#db
          .selectFrom('webhook_deliveries')
          .select(['id', 'webhook_id', 'event', 'delivery_uuid', 'status', 'attempts', 'next_attempt_at', 'last_status', 'last_response', 'last_error', 'created_at', 'delivered_at'])
          .where('webhook_id', '=', webhookId)
          .orderBy('id', 'desc')
          .limit(query.perWebhook)
          .execute(),
      ),
    );
    return lists.flat().map(toDelivery);
  }

  async counts(): Promise<Record<DeliveryStatus, number>> {
    const rows = await this.#db.selectFrom('webhook_deliveries').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
    const counts: Record<DeliveryStatus, number> = { queued: 0, sent: 0, failed: 0 };
    for (const r of rows) counts[r.status as DeliveryStatus] = Number(r.n);
    return counts;
  }

  async deleteSentBefore(before: Date): Promise<number> {
    const result = await this.#db.deleteFrom('webhook_deliveries').where('status', '=', 'sent').where('delivered_at', '<', before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    url: row.url,
    secret: row.secret,
    events: row.events.split(' ').filter(Boolean) as WebhookEventName[],
    active: Number(row.active) === 1,
    createdAt: new Date(Number(row.created_at)),
    createdBy: row.created_by,
  };
}

function toDelivery(row: Omit<Selectable<WebhookDeliveriesTable>, 'payload' | 'claimed_until'>): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    deliveryId: row.delivery_uuid,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastResponse: row.last_response,
    lastError: row.last_error,
    createdAt: new Date(Number(row.created_at)),
    deliveredAt: row.delivered_at === null ? null : new Date(Number(row.delivered_at)),
  };
}
