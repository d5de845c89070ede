// Commenters' addresses (double opt-in) and what they asked to hear about, and the staff who
// get held-comment mail. Implemented by storage/sql-subscription-store.ts.

import type { ArticleId, CommentId, StaffId } from '../domain/ids.ts';

/** replies: new replies to one comment; article: every new comment on one article. */
export type SubscriptionKind = 'replies' | 'article';

export interface MailAddress {
  readonly emailHash: string;
  readonly email: string;
  readonly confirmedAt: Date | null;
  readonly confirmationSentAt: Date | null;
}

export interface Subscription {
  readonly id: number;
  readonly emailHash: string;
  readonly kind: SubscriptionKind;
  readonly articleId: ArticleId;
  /** The comment whose replies are wanted (kind `replies`). */
  readonly commentId: CommentId | null;
}

/** A subscription with what the manage page shows. */
export interface SubscriptionView extends Subscription {
  readonly articleTitle: string;
  readonly articleSlug: string;
  readonly articlePublishedAt: Date;
}

/** A confirmed address to tell about a new comment, and the subscription that asks for it. */
export interface Recipient {
  readonly subscriptionId: number;
  readonly kind: SubscriptionKind;
  readonly emailHash: string;
  readonly email: string;
}

export interface StaffRecipient {
  readonly id: StaffId;
  readonly name: string;
  readonly email: string;
}

export interface SubscriptionStore {
  /** Inserts the address if new (unconfirmed); returns its state either way. */
  rememberAddress(address: { emailHash: string; email: string; at: Date }): Promise<MailAddress>;
  findAddress(emailHash: string): Promise<MailAddress | undefined>;
  markConfirmationSent(emailHash: string, at: Date): Promise<void>;
  /** False when the address is unknown (erased, or never subscribed). */
  confirmAddress(emailHash: string, at: Date): Promise<boolean>;
  /** Adds the subscription unless the same one exists. */
  subscribe(subscription: { emailHash: string; kind: SubscriptionKind; articleId: ArticleId; commentId: CommentId | null; at: Date }): Promise<void>;
  /** Confirmed subscribers to replies to `parentId` (if any) and to new comments on the article. */
  recipientsFor(query: { articleId: ArticleId; parentId: CommentId | null }): Promise<Recipient[]>;
  /** A confirmed subscription of `emailHash` covering this comment (its replies, or its article). */
  coveringComment(query: { emailHash: string; articleId: ArticleId; commentId: CommentId }): Promise<Subscription | undefined>;
  find(id: number): Promise<Subscription | undefined>;
  listFor(emailHash: string): Promise<SubscriptionView[]>;
  remove(id: number): Promise<boolean>;
  /** Every subscription of the address, and the address itself. */
  removeAll(emailHash: string): Promise<number>;
  /** Admins and moderators who have not turned held-comment mail off. */
  heldCommentRecipients(): Promise<StaffRecipient[]>;
  setHeldCommentMail(staffId: StaffId, on: boolean): Promise<void>;
  /** The staff member, if they still exist, and whether they get held-comment mail. */
  findStaffRecipient(staffId: StaffId): Promise<(StaffRecipient & { heldCommentMail: boolean }) | undefined>;
}
