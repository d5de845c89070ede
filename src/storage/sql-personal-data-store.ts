// PersonalDataStore over Kysely: a commenter's comments by email, their erasure across every
// table that holds the address, pending requests, and the address-free log of runs.

import type { Kysely } from 'kysely';
import type { CommentStatus } from '../domain/comment.ts';
import { articleId, commentId, type ArticleId } from '../domain/ids.ts';
import type { PersonalComment, PersonalDataStore, PrivacyAction, PrivacyRequestKind, PrivacyRun } from '../privacy/personal-data-store.ts';
import type { Database } from './schema.ts';

const erasedLabel = '[erased on request]';

export class SqlPersonalDataStore implements PersonalDataStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async commentsBy(email: string): Promise<PersonalComment[]> {
    const rows = await this.#db
      .selectFrom('comments as c')
      .innerJoin('articles as a', 'a.id', 'c.article_id')
      .select(['c.id', 'c.article_id', 'a.title', 'a.slug', 'a.published_at', 'c.parent_id', 'c.author_name', 'c.author_email', 'c.author_url', 'c.author_ip', 'c.user_agent', 'c.body_text', 'c.status', 'c.created_at', 'c.edited_at'])
      .where('c.author_email', '=', email)
      .orderBy('c.id')
      .execute();
    return rows.map((r) => ({
      id: commentId(r.id),
      articleId: articleId(r.article_id),
      articleTitle: r.title,
      articleSlug: r.slug,
      articlePublishedAt: new Date(Number(r.published_at)),
      parentId: r.parent_id === null ? null : commentId(r.parent_id),
      authorName: r.author_name,
      authorEmail: r.author_email,
      authorUrl: r.author_url,
      ip: r.author_ip,
      userAgent: r.user_agent,
      bodyText: r.body_text,
      status: r.status as CommentStatus,
      createdAt: new Date(Number(r.created_at)),
      editedAt: r.edited_at === null ? null : new Date(Number(r.edited_at)),
    }));
  }

  async erase(query: { email: string; emailHash: string; deleteText: boolean; placeholder: { text: string; html: string }; at: Date }): Promise<{ comments: number; articleIds: ArticleId[] }> {
    const affected = await this.#db.selectFrom('comments').select(['id', 'article_id']).where('author_email', '=', query.email).execute();
    const ids = affected.map((r) => r.id);
    if (ids.length > 0) {
      await this.#db
        .updateTable('comments')
        .set({
          author_name: 'Anonymous',
          author_email: '',
          author_url: null,
          author_ip: '',
          ip_hash: '',
          user_agent: '',
          updated_at: query.at.getTime(),
          ...(query.deleteText ? { body_text: query.placeholder.text, body_html: query.placeholder.html } : {}),
        })
        .where('id', 'in', ids)
        .execute();
      if (query.deleteText) await this.#db.deleteFrom('comment_revisions').where('comment_id', 'in', ids).execute();
      // The spam classifier keeps its counts (they name no one) but forgets these comments' words.
      await this.#db.deleteFrom('spam_training').where('comment_id', 'in', ids).execute();
    }
    await this.#db.deleteFrom('subscriptions').where('email_hash', '=', query.emailHash).execute();
    await this.#db.deleteFrom('mail_addresses').where('email_hash', '=', query.emailHash).execute();
    await this.#db.updateTable('commenter_rules').set({ label: erasedLabel }).where('email_hash', '=', query.emailHash).execute();
    await this.#db.deleteFrom('outbox').where('recipient', '=', query.email).execute();
    await this.#db.deleteFrom('privacy_requests').where('email', '=', query.email).execute();
    return { comments: ids.length, articleIds: [...new Set(affected.map((r) => articleId(r.article_id)))] };
  }

  async saveRequest(request: { tokenHash: string; email: string; kind: PrivacyRequestKind; at: Date; expiresAt: Date }): Promise<void> {
    await this.#db
      .insertInto('privacy_requests')
      .values({ token_hash: request.tokenHash, email: request.email, kind: request.kind, created_at: request.at.getTime(), expires_at: request.expiresAt.getTime() })
      .execute();
  }

  async takeRequest(tokenHash: string, now: Date): Promise<{ email: string; kind: PrivacyRequestKind } | undefined> {
    const row = await this.#db.deleteFrom('privacy_requests').where('token_hash', '=', tokenHash).where('expires_at', '>', now.getTime()).returning(['email', 'kind']).executeTakeFirst();
    return row && { email: row.email, kind: row.kind as PrivacyRequestKind };
  }

  async findRequest(tokenHash: string, now: Date): Promise<{ kind: PrivacyRequestKind } | undefined> {
    const row = await this.#db.selectFrom('privacy_requests').select('kind').where('token_hash', '=', tokenHash).where('expires_at', '>', now.getTime()).executeTakeFirst();
    return row && { kind: row.kind as PrivacyRequestKind };
  }

  async lastRequestAt(email: string): Promise<Date | null> {
    const row = await this.#db.selectFrom('privacy_requests').select('created_at').where('email', '=', email).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    return row ? new Date(Number(row.created_at)) : null;
  }

  async logRun(run: PrivacyRun): Promise<void> {
    await this.#db.insertInto('privacy_log').values({ action: run.action, actor: run.actor, comments: run.comments, at: run.at.getTime() }).execute();
  }

  async listRuns(limit: number): Promise<PrivacyRun[]> {
    const rows = await this.#db.selectFrom('privacy_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ action: r.action as PrivacyAction, actor: r.actor, comments: Number(r.comments), at: new Date(Number(r.at)) }));
  }
}
