// ArticleStore over Kysely, for SQLite and PostgreSQL alike.

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Article, ArticleDraft, ArticleStatus, ArticleSummary } from '../domain/article.ts';
import { articleId, type ArticleId } from '../domain/ids.ts';
import { trustHtml } from '../domain/trusted-html.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { ArticlesTable, Database } from './schema.ts';
import { translateDbError } from './translate-db-error.ts';

export class SqlArticleStore implements ArticleStore {
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  async saveBySlug(draft: ArticleDraft): Promise<{ article: Article; created: boolean }> {
    const at = this.#now().getTime();
    const values = {
      slug: draft.slug,
      title: draft.title,
      section: draft.section,
      summary: draft.summary,
      body_markdown: draft.bodyMarkdown,
      body_html: draft.bodyHtml,
      status: draft.status,
      comments_open: draft.commentsOpen ? 1 : 0,
      published_at: draft.publishedAt.getTime(),
      updated_at: at,
    };
    try {
      const existing = await this.#db.selectFrom('articles').select('id').where('slug', '=', draft.slug).executeTakeFirst();
      if (existing) {
        const row = await this.#db.updateTable('articles').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
        return { article: toArticle(row), created: false };
      }
      const row = await this.#db.insertInto('articles').values({ ...values, created_at: at }).returningAll().executeTakeFirstOrThrow();
      return { article: toArticle(row), created: true };
    } catch (e) {
      throw translateDbError(e, 'slug_taken');
    }
  }

  async findById(id: ArticleId): Promise<Article | undefined> {
    const row = await this.#db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toArticle(row);
  }

  async findBySlug(slug: string): Promise<Article | undefined> {
    const row = await this.#db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && toArticle(row);
  }

  async listLatest(query: { now: Date; limit: number }): Promise<ArticleSummary[]> {
    const rows = await this.#db
      .selectFrom('articles as a')
      .selectAll('a')
      .select((eb) =>
        eb
          .selectFrom('comments as c')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('c.article_id', '=', 'a.id')
          .where('c.status', '=', 'approved')
          .as('approved_comments'),
      )
      .where('a.status', '=', 'published')
      .where('a.published_at', '<=', query.now.getTime())
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map((row) => ({ article: toArticle(row), approvedComments: Number(row.approved_comments ?? 0) }));
  }

  async nextPublicationAfter(now: Date): Promise<Date | null> {
    const row = await this.#db
      .selectFrom('articles')
      .select('published_at')
      .where('status', '=', 'published')
      .where('published_at', '>', now.getTime())
      .orderBy('published_at', 'asc')
      .limit(1)
      .executeTakeFirst();
    return row ? new Date(Number(row.published_at)) : null;
  }
}

function toArticle(row: Selectable<ArticlesTable>): Article {
  return {
    id: articleId(row.id),
    slug: row.slug,
    title: row.title,
    section: row.section,
    summary: row.summary,
    bodyMarkdown: row.body_markdown,
    bodyHtml: trustHtml(row.body_html), // sanitised when published
    status: row.status as ArticleStatus,
    commentsOpen: row.comments_open === 1,
    publishedAt: new Date(Number(row.published_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}
