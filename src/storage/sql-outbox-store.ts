// OutboxStore over Kysely. The claim is a conditional UPDATE per message (status and lease
// checked in the WHERE), so of several instances exactly one takes each, on both dialects.

import { sql, type Kysely, type Selectable } from 'kysely';
import type { ClaimedMail, MailKind, NewMail, OutboxEntry, OutboxStatus, OutboxStore } from '../notify/outbox-store.ts';
import type { Database, OutboxTable } from './schema.ts';

export class SqlOutboxStore implements OutboxStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async enqueue(mail: NewMail & { messageId: string; at: Date }): Promise<void> {
    const at = mail.at.getTime();
    await this.#db
      .insertInto('outbox')
      .values({ kind: mail.kind, recipient: mail.to, subject: mail.subject, text_body: mail.text, html_body: mail.html, unsubscribe_url: mail.unsubscribeUrl, attachment_name: mail.attachment?.name ?? null, attachment_json: mail.attachment?.json ?? null, message_id: mail.messageId, status: 'queued', next_attempt_at: at, created_at: at })
      .execute();
  }

  async claimDue(query: { now: Date; leaseMs: number; limit: number }): Promise<ClaimedMail[]> {
    const now = query.now.getTime();
    const candidates = await this.#db
      .selectFrom('outbox')
      .selectAll()
      .where((eb) => eb.or([eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)])]))
      .orderBy('id')
      .limit(query.limit)
      .execute();
    const claimed: ClaimedMail[] = [];
    for (const row of candidates) {
      const result = await this.#db
        .updateTable('outbox')
        .set({ status: 'sending', lease_until: now + query.leaseMs })
        .where('id', '=', row.id)
        .where('status', '=', row.status)
        .where((eb) => (row.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', row.lease_until)))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) claimed.push(toClaimed(row));
    }
    return claimed;
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.#db.updateTable('outbox').set({ status: 'sent', sent_at: at.getTime(), lease_until: null, text_body: '', html_body: null, attachment_json: null, last_error: null }).where('id', '=', id).execute();
  }

  async markRetry(id: number, update: { error: string; nextAttemptAt: Date }): Promise<void> {
    await this.#db
      .updateTable('outbox')
      .set((eb) => ({ status: 'queued', lease_until: null, last_error: update.error, next_attempt_at: update.nextAttemptAt.getTime(), attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: number, update: { error: string }): Promise<void> {
    await this.#db
      .updateTable('outbox')
      .set((eb) => ({ status: 'failed', lease_until: null, last_error: update.error, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async retryNow(id: number, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('outbox')
      .set({ status: 'queued', next_attempt_at: now.getTime(), lease_until: null })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'failed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async list(query: { status: OutboxStatus | null; limit: number }): Promise<OutboxEntry[]> {
    let select = this.#db.selectFrom('outbox').select(['id', 'kind', 'recipient', 'subject', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'sent_at']);
    if (query.status) select = select.where('status', '=', query.status);
    const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as MailKind,
      to: r.recipient,
      subject: r.subject,
      status: r.status as OutboxStatus,
      attempts: Number(r.attempts),
      nextAttemptAt: new Date(Number(r.next_attempt_at)),
      lastError: r.last_error,
      createdAt: new Date(Number(r.created_at)),
      sentAt: r.sent_at === null ? null : new Date(Number(r.sent_at)),
    }));
  }

  async counts(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.#db.selectFrom('outbox').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
    const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of rows) counts[r.status as OutboxStatus] = Number(r.n);
    return counts;
  }

  async deleteSentBefore(before: Date): Promise<number> {
    const result = await this.#db.deleteFrom('outbox').where('status', '=', 'sent').where('sent_at', '<', before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toClaimed(row: Selectable<OutboxTable>): ClaimedMail {
  return {
    id: row.id,
    kind: row.kind as MailKind,
    to: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body ?? '',
    unsubscribeUrl: row.unsubscribe_url,
    attachment: row.attachment_name && row.attachment_json !== null ? { name: row.attachment_name, json: row.attachment_json } : null,
    messageId: row.message_id,
    attempts: Number(row.attempts),
    createdAt: new Date(Number(row.created_at)),
  };
}
