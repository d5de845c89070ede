// ArticleStore over Kysely, for SQLite and PostgreSQL alike.

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Article, ArticleDraft, ArticleStatus, ArticleSummary } from '../domain/article.ts';
import { articleId, staffId, type ArticleId } from '../domain/ids.ts';
import { trustHtml } from '../domain/trusted-html.ts';
import type { ArticleLink, ArticleRevision, ArticleStore, ArticleWrite, DeskArticle, NewArticleRevision, PublicList, PublicListQuery } from '../articles/article-store.ts';
import type { EmbedThreadWrite } from '../articles/embed-threads.ts';
import type { Tag } from '../articles/tags.ts';
import type { ArticleRevisionsTable, ArticlesTable, Database } from './schema.ts';
import { queryMostDiscussed, queryPublicList, type ListRow } from './sql-public-lists.ts';
import { translateDbError } from './translate-db-error.ts';
import { RememberedByKey } from '../lib/remembered.ts';
import type { RememberOptions } from './sql-stores.ts';

type ArticleRow = Selectable<ArticlesTable> & { byline?: string | null };

export class SqlArticleStore implements ArticleStore {
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;
  readonly #remembered: RememberedByKey<ArticleId, Article | undefined> | undefined;
  readonly #freshen: () => void;

  /** With `remember`, `findById` keeps what it read until `forget` or a write through this store. */
  constructor(db: Kysely<Database>, now: () => Date, remember?: RememberOptions) {
    this.#db = db;
    this.#now = now;
    // "Not found" is not kept: the row may be created by the next request.
    this.#remembered = remember ? new RememberedByKey((id) => this.#findById(id), { keep: (article) => article !== undefined, maxKeys: 1000 }) : undefined;
    this.#freshen = remember?.freshen ?? (() => undefined);
  }

  /** Drops kept articles (one, or all): they changed elsewhere. */
  forget(id?: ArticleId): void {
    if (id === undefined) this.#remembered?.forgetAll();
    else this.#remembered?.forget(id);
  }

  async saveBySlug(draft: ArticleDraft): Promise<{ article: Article; created: boolean }> {
    const at = this.#now().getTime();
    const values = { ...columns(draft), updated_at: at };
    try {
      const existing = await this.#db.selectFrom('articles').select('id').where('slug', '=', draft.slug).executeTakeFirst();
      if (existing) {
        const row = await this.#db.updateTable('articles').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
        this.forget(articleId(existing.id));
        return { article: toArticle(row), created: false };
      }
      const row = await this.#db.insertInto('articles').values({ ...values, created_at: at }).returningAll().executeTakeFirstOrThrow();
      return { article: toArticle(row), created: true };
    } catch (e) {
      throw translateDbError(e, 'slug_taken');
    }
  }

  async insert(write: ArticleWrite): Promise<Article> {
    const at = this.#now().getTime();
    try {
      const row = await this.#db.insertInto('articles').values({ ...columns(write), author_staff_id: write.authorStaffId, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
      return toArticle(row);
    } catch (e) {
      throw translateDbError(e, 'slug_taken');
    }
  }

  async update(id: ArticleId, write: ArticleWrite): Promise<Article> {
    try {
      const row = await this.#db
        .updateTable('articles')
        .set({ ...columns(write), author_staff_id: write.authorStaffId, updated_at: this.#now().getTime() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toArticle(row);
    } catch (e) {
      throw translateDbError(e, 'slug_taken');
    } finally {
      this.forget(id);
    }
  }

  async setTags(id: ArticleId, tags: readonly Tag[]): Promise<void> {
    try {
      await this.#writeTags(id, tags);
    } finally {
      this.forget(id);
    }
  }

  async #writeTags(id: ArticleId, tags: readonly Tag[]): Promise<void> {
    await this.#db.deleteFrom('article_tags').where('article_id', '=', id).execute();
    if (tags.length === 0) return;
    // Tags seen before keep their first spelling; new ones are created as written.
    await this.#db
      .insertInto('tags')
      .values(tags.map((t) => ({ name: t.name, slug: t.slug })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    const rows = await this.#db.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', tags.map((t) => t.slug)).execute();
    const idOf = new Map(rows.map((r) => [r.slug, r.id]));
    await this.#db
      .insertInto('article_tags')
      .values(tags.map((t, position) => ({ article_id: id, tag_id: idOf.get(t.slug)!, position })))
      .execute();
  }

  async addRevision(r: NewArticleRevision): Promise<void> {
    await this.#db
      .insertInto('article_revisions')
      .values({
        article_id: r.articleId,
        slug: r.slug,
        title: r.title,
        section: r.section,
        summary: r.summary,
        body_markdown: r.bodyMarkdown,
        status: r.status,
        comments_open: r.commentsOpen ? 1 : 0,
        published_at: r.publishedAt.getTime(),
        author_staff_id: r.authorStaffId,
        tags: JSON.stringify(r.tags),
        saved_by: r.savedBy,
        saved_by_staff_id: r.savedByStaffId,
        saved_at: r.savedAt.getTime(),
      })
      .execute();
  }

  async listRevisions(id: ArticleId): Promise<ArticleRevision[]> {
    const rows = await this.#db.selectFrom('article_revisions').selectAll().where('article_id', '=', id).orderBy('id', 'desc').execute();
    return rows.map(toRevision);
  }

  async findRevision(id: ArticleId, revisionId: number): Promise<ArticleRevision | undefined> {
    const row = await this.#db.selectFrom('article_revisions').selectAll().where('article_id', '=', id).where('id', '=', revisionId).executeTakeFirst();
    return row && toRevision(row);
  }

  findById(id: ArticleId): Promise<Article | undefined> {
    if (!this.#remembered) return this.#findById(id);
    this.#freshen();
    return this.#remembered.get(id);
  }

  async #findById(id: ArticleId): Promise<Article | undefined> {
    const row = await this.#withByline().where('a.id', '=', id).executeTakeFirst();
    return row && toArticle(row, await this.#tagNames(row.id));
  }

  async findBySlug(slug: string): Promise<Article | undefined> {
    const row = await this.#withByline().where('a.slug', '=', slug).executeTakeFirst();
    return row && toArticle(row, await this.#tagNames(row.id));
  }

  async findForDesk(id: ArticleId): Promise<DeskArticle | undefined> {
    const row = await this.#withByline().where('a.id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const tags = await this.#tagNames(row.id);
    return { article: toArticle(row, tags), authorStaffId: row.author_staff_id === null ? null : staffId(row.author_staff_id), tags };
  }

  async listForDesk(query: { limit: number; offset: number }): Promise<Article[]> {
    const rows = await this.#withByline().orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(query.limit).offset(query.offset).execute();
    return rows.map((row) => toArticle(row));
  }

  async listSections(): Promise<string[]> {
    const rows = await this.#db.selectFrom('articles').select('section').distinct().where('section', 'is not', null).orderBy('section').limit(200).execute();
    return rows.map((r) => r.section!).filter(Boolean);
  }

  async countPublic(now: Date): Promise<number> {
    const row = await this.#db
      .selectFrom('articles')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '=', 'published')
      .where('published_at', '<=', now.getTime())
      .where('external_key', 'is', null) // embed threads are no page of this site
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async listPublicLinks(query: { now: Date; since?: Date; order: 'oldest' | 'newest'; limit: number; offset: number }): Promise<ArticleLink[]> {
    const direction = query.order === 'oldest' ? 'asc' : 'desc';
    let q = this.#db
      .selectFrom('articles')
      .select(['id', 'slug', 'title', 'published_at', 'updated_at'])
      .where('status', '=', 'published')
      .where('published_at', '<=', query.now.getTime())
      .where('external_key', 'is', null); // embed threads are no page of this site
    if (query.since) q = q.where('published_at', '>=', query.since.getTime());
    const rows = await q.orderBy('published_at', direction).orderBy('id', direction).limit(query.limit).offset(query.offset).execute();
    return rows.map((r) => ({ id: articleId(r.id), slug: r.slug, title: r.title, publishedAt: new Date(Number(r.published_at)), updatedAt: new Date(Number(r.updated_at)) }));
  }

  async listLatest(query: { now: Date; limit: number }): Promise<ArticleSummary[]> {
    const { rows } = await queryPublicList(this.#db, { filter: { kind: 'all' }, now: query.now, limit: query.limit, offset: 0 });
    return rows.map(toSummary);
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

  async listPublic(query: PublicListQuery): Promise<PublicList> {
    const { rows, total, name } = await queryPublicList(this.#db, query);
    return { articles: rows.map(toSummary), total, name };
  }

  async listMostDiscussed(query: { now: Date; since: Date; limit: number }): Promise<ArticleSummary[]> {
    return (await queryMostDiscussed(this.#db, query)).map(toSummary);
  }

  /** The embed thread of another site's page, by its normalised address (domain/embed-url.ts). */
  async findByExternalKey(key: string): Promise<Article | undefined> {
    const row = await this.#withByline().where('a.external_key', '=', key).executeTakeFirst();
    return row && toArticle(row);
  }

  /** A new embed thread; Conflict `conflict` when that page (or its slug) has one already. */
  async insertEmbedThread(thread: EmbedThreadWrite): Promise<Article> {
    const at = this.#now().getTime();
    try {
      const row = await this.#db
        .insertInto('articles')
        .values({ ...columns(thread), external_url: thread.externalUrl, external_key: thread.externalKey, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toArticle(row);
    } catch (e) {
      throw translateDbError(e);
    }
  }

  /** Articles with the display name of the staff member they are by (if that account exists). */
  #withByline() {
    return this.#db.selectFrom('articles as a').leftJoin('staff as s', 's.id', 'a.author_staff_id').selectAll('a').select('s.name as byline');
  }

  async #tagNames(id: number): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select('t.name')
      .where('at.article_id', '=', id)
      .orderBy('at.position')
      .execute();
    return rows.map((r) => r.name);
  }
}

function columns(draft: ArticleDraft) {
  return {
    slug: draft.slug,
    title: draft.title,
    section: draft.section,
    summary: draft.summary,
    body_markdown: draft.bodyMarkdown,
    body_html: draft.bodyHtml,
    status: draft.status,
    comments_open: draft.commentsOpen ? 1 : 0,
    published_at: draft.publishedAt.getTime(),
  };
}

const toSummary = (row: ListRow): ArticleSummary => ({ article: toArticle(row), approvedComments: Number(row.approved_comments ?? 0) });

function toArticle(row: ArticleRow, tags?: readonly string[]): Article {
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
    ...(row.byline !== undefined ? { byline: row.byline, authorStaffId: row.author_staff_id === null ? null : staffId(row.author_staff_id) } : {}),
    ...(tags ? { tags } : {}),
    externalUrl: row.external_url ?? null,
  };
}

function toRevision(row: Selectable<ArticleRevisionsTable>): ArticleRevision {
  let tags: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.tags);
    if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    // an unreadable list shows as none
  }
  return {
    id: row.id,
    articleId: articleId(row.article_id),
    slug: row.slug,
    title: row.title,
    section: row.section,
    summary: row.summary,
    bodyMarkdown: row.body_markdown,
    status: row.status as ArticleStatus,
    commentsOpen: row.comments_open === 1,
    publishedAt: new Date(Number(row.published_at)),
    authorStaffId: row.author_staff_id === null ? null : staffId(row.author_staff_id),
    tags,
    savedBy: row.saved_by,
    savedByStaffId: row.saved_by_staff_id === null ? null : staffId(row.saved_by_staff_id),
    savedAt: new Date(Number(row.saved_at)),
  };
}
