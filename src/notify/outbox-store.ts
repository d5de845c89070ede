// The durable outbox: every mail is a row written in the transaction of the event that caused
// it, then delivered by notify/deliver-outbox.ts. Implemented by storage/sql-outbox-store.ts.

import type { MailKind, OutboxEntry, OutboxStatus } from '../domain/mail.ts';

export { outboxStatuses, type MailKind, type OutboxEntry, type OutboxStatus } from '../domain/mail.ts';

export interface NewMail {
  readonly kind: MailKind;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The one-click unsubscribe address (RFC 8058). */
  readonly unsubscribeUrl: string | null;
  /** A JSON file sent along (a commenter's own data). */
  readonly attachment?: MailAttachment | null;
}

export interface MailAttachment {
  readonly name: string;
  readonly json: string;
}

/** A message taken by one instance for delivery. */
export interface ClaimedMail extends NewMail {
  readonly id: number;
  readonly messageId: string;
  /** Delivery attempts before this one. */
  readonly attempts: number;
  readonly createdAt: Date;
}

export interface OutboxStore {
  enqueue(mail: NewMail & { messageId: string; at: Date }): Promise<void>;
  /**
   * Takes up to `limit` due messages (queued and due, or `sending` past their lease because the
   * instance sending them stopped) for `leaseMs`. One conditional UPDATE per message, so of
   * several instances asking at once exactly one gets each.
   */
  claimDue(query: { now: Date; leaseMs: number; limit: number }): Promise<ClaimedMail[]>;
  /** Delivered: the bodies are emptied (their links should not outlive the mail). */
  markSent(id: number, at: Date): Promise<void>;
  markRetry(id: number, update: { error: string; nextAttemptAt: Date }): Promise<void>;
  markFailed(id: number, update: { error: string }): Promise<void>;
  /** A failed (or waiting) message is tried again at once. False if it was already sent. */
  retryNow(id: number, now: Date): Promise<boolean>;
  list(query: { status: OutboxStatus | null; limit: number }): Promise<OutboxEntry[]>;
  counts(): Promise<Record<OutboxStatus, number>>;
  deleteSentBefore(before: Date): Promise<number>;
}
