// SubscriptionStore over Kysely: commenters' addresses, their subscriptions, and staff's
// held-comment mail choice. Only confirmed addresses are ever returned as recipients.

import type { Kysely, Selectable } from 'kysely';
import { articleId, commentId, staffId, type ArticleId, type CommentId, type StaffId } from '../domain/ids.ts';
import type { MailAddress, Recipient, StaffRecipient, Subscription, SubscriptionKind, SubscriptionStore, SubscriptionView } from '../notify/subscription-store.ts';
import type { Database, MailAddressesTable, SubscriptionsTable } from './schema.ts';
import { preparedQuery } from './prepared-query.ts';

// Read for every held comment (prepared-query.ts).
const heldMailStaff = preparedQuery<Record<string, never>, { id: number; name: string; email: string }>([], (db) =>
  db.selectFrom('staff').select(['id', 'name', 'email']).where('role', 'in', ['admin', 'moderator']).where('held_comment_mail', '=', 1).orderBy('id'),
);

export class SqlSubscriptionStore implements SubscriptionStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async rememberAddress(address: { emailHash: string; email: string; at: Date }): Promise<MailAddress> {
    await this.#db
      .insertInto('mail_addresses')
      .values({ email_hash: address.emailHash, email: address.email, created_at: address.at.getTime() })
      .onConflict((oc) => oc.column('email_hash').doNothing())
      .execute();
    return (await this.findAddress(address.emailHash))!;
  }

  async findAddress(emailHash: string): Promise<MailAddress | undefined> {
    const row = await this.#db.selectFrom('mail_addresses').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();
    return row && toAddress(row);
  }

  async markConfirmationSent(emailHash: string, at: Date): Promise<void> {
    await this.#db.updateTable('mail_addresses').set({ confirmation_sent_at: at.getTime() }).where('email_hash', '=', emailHash).execute();
  }

  async confirmAddress(emailHash: string, at: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('mail_addresses')
      .set((eb) => ({ confirmed_at: eb.fn.coalesce('confirmed_at', eb.val(at.getTime())) }))
      .where('email_hash', '=', emailHash)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async subscribe(s: { emailHash: string; kind: SubscriptionKind; articleId: ArticleId; commentId: CommentId | null; at: Date }): Promise<void> {
    await this.#db
      .insertInto('subscriptions')
      .values({ email_hash: s.emailHash, kind: s.kind, article_id: s.articleId, comment_id: s.commentId ?? 0, created_at: s.at.getTime() })
      .onConflict((oc) => oc.columns(['email_hash', 'kind', 'article_id', 'comment_id']).doNothing())
      .execute();
  }

  async recipientsFor(query: { articleId: ArticleId; parentId: CommentId | null }): Promise<Recipient[]> {
    const rows = await this.#db
      .selectFrom('subscriptions as s')
      .innerJoin('mail_addresses as a', 'a.email_hash', 's.email_hash')
      .select(['s.id', 's.kind', 's.email_hash', 'a.email'])
      .where('a.confirmed_at', 'is not', null)
      .where('s.article_id', '=', query.articleId)
      .where((eb) => {
        const article = eb.and([eb('s.kind', '=', 'article'), eb('s.comment_id', '=', 0)]);
        return query.parentId === null ? article : eb.or([article, eb.and([eb('s.kind', '=', 'replies'), eb('s.comment_id', '=', query.parentId)])]);
      })
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({ subscriptionId: r.id, kind: r.kind as SubscriptionKind, emailHash: r.email_hash, email: r.email }));
  }

  async coveringComment(query: { emailHash: string; articleId: ArticleId; commentId: CommentId }): Promise<Subscription | undefined> {
    const row = await this.#db
      .selectFrom('subscriptions as s')
      .innerJoin('mail_addresses as a', 'a.email_hash', 's.email_hash')
      .selectAll('s')
      .where('a.confirmed_at', 'is not', null)
      .where('s.email_hash', '=', query.emailHash)
      .where('s.article_id', '=', query.articleId)
      .where((eb) => eb.or([eb('s.kind', '=', 'article'), eb.and([eb('s.kind', '=', 'replies'), eb('s.comment_id', '=', query.commentId)])]))
      .orderBy('s.id')
      .executeTakeFirst();
    return row && toSubscription(row);
  }

  async find(id: number): Promise<Subscription | undefined> {
    const row = await this.#db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSubscription(row);
  }

  async listFor(emailHash: string): Promise<SubscriptionView[]> {
    const rows = await this.#db
      .selectFrom('subscriptions as s')
      .innerJoin('articles as a', 'a.id', 's.article_id')
      .selectAll('s')
      .select(['a.title', 'a.slug', 'a.published_at'])
      .where('s.email_hash', '=', emailHash)
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({ ...toSubscription(r), articleTitle: r.title, articleSlug: r.slug, articlePublishedAt: new Date(Number(r.published_at)) }));
  }

  async remove(id: number): Promise<boolean> {
    const result = await this.#db.deleteFrom('subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async removeAll(emailHash: string): Promise<number> {
    const result = await this.#db.deleteFrom('subscriptions').where('email_hash', '=', emailHash).executeTakeFirst();
    await this.#db.deleteFrom('mail_addresses').where('email_hash', '=', emailHash).execute();
    return Number(result.numDeletedRows);
  }

  async heldCommentRecipients(): Promise<StaffRecipient[]> {
    const { rows } = await heldMailStaff(this.#db, {});
    return rows.map((r) => ({ id: staffId(r.id), name: r.name, email: r.email }));
  }

  async setHeldCommentMail(id: StaffId, on: boolean): Promise<void> {
    await this.#db.updateTable('staff').set({ held_comment_mail: on ? 1 : 0 }).where('id', '=', id).execute();
  }

  async findStaffRecipient(id: StaffId): Promise<(StaffRecipient & { heldCommentMail: boolean }) | undefined> {
    const row = await this.#db.selectFrom('staff').select(['id', 'name', 'email', 'held_comment_mail']).where('id', '=', id).executeTakeFirst();
    return row && { id: staffId(row.id), name: row.name, email: row.email, heldCommentMail: Number(row.held_comment_mail) === 1 };
  }
}

function toAddress(row: Selectable<MailAddressesTable>): MailAddress {
  return {
    emailHash: row.email_hash,
    email: row.email,
    confirmedAt: row.confirmed_at === null ? null : new Date(Number(row.confirmed_at)),
    confirmationSentAt: row.confirmation_sent_at === null ? null : new Date(Number(row.confirmation_sent_at)),
  };
}

function toSubscription(row: Selectable<SubscriptionsTable>): Subscription {
  const kind = row.kind as SubscriptionKind;
  return { id: row.id, emailHash: row.email_hash, kind, articleId: articleId(row.article_id), commentId: kind === 'replies' ? commentId(Number(row.comment_id)) : null };
}
