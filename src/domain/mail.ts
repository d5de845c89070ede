// Mail as the admin sees it: the outbox's statuses and kinds, and one row of it. Pure.

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';
export const outboxStatuses: readonly OutboxStatus[] = ['queued', 'sending', 'sent', 'failed'];

/** What a kind of mail is for. */
export type MailKind = 'held_comment' | 'held_digest' | 'confirm_address' | 'reply' | 'new_comment' | 'comment_approved' | 'password_reset' | 'data_export';

/** One outbox row as the admin shows it. */
export interface OutboxEntry {
  readonly id: number;
  readonly kind: MailKind;
  readonly to: string;
  readonly subject: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}
