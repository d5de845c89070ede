// ImportStore, ExportSource and OldUrlLookup over Kysely, for SQLite and PostgreSQL alike:
// source-id links, deferred parents, old addresses, and the site read in id-ordered pages.

import { sql, type Kysely } from 'kysely';
import { articleId, commentId, type ArticleId, type CommentId } from '../domain/ids.ts';
import type { ArticleStatus } from '../domain/article.ts';
import type { CommentKind, CommentStatus } from '../domain/comment.ts';
import type { Role } from '../domain/staff.ts';
import type { ExportArticle, ExportComment, ExportSource, ExportStaff, ImportStore, OldUrlLookup, SourceKind, SourceLink } from '../import/import-store.ts';
import type { Database } from './schema.ts';

// SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535: stay far below.
const chunkRows = 500;

const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / chunkRows) }, (_, i) => items.slice(i * chunkRows, (i + 1) * chunkRows));

export class SqlImportStore implements ImportStore, ExportSource, OldUrlLookup {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async findTargets(kind: SourceKind, sourceIds: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const ids of chunks([...new Set(sourceIds)])) {
      const rows = await this.#db.selectFrom('import_sources').select(['source_id', 'target_id']).where('kind', '=', kind).where('source_id', 'in', ids).execute();
      for (const r of rows) found.set(r.source_id, Number(r.target_id));
    }
    return found;
  }

  async remember(links: readonly SourceLink[]): Promise<void> {
    for (const part of chunks(links)) {
      await this.#db.insertInto('import_sources').values(part.map((l) => ({ kind: l.kind, source_id: l.sourceId, target_id: l.targetId }))).execute();
    }
  }

  async deferParents(replies: readonly { commentId: CommentId; kind: SourceKind; parentSourceId: string }[]): Promise<void> {
    for (const part of chunks(replies)) {
      await this.#db.insertInto('import_pending_parents').values(part.map((q) => ({ comment_id: q.commentId, kind: q.kind, parent_source_id: q.parentSourceId }))).execute();
    }
  }

  async resolveDeferredParents(writtenAfter: number): Promise<number> {
    await sql`update comments set parent_id = (
        select s.target_id from import_pending_parents p join import_sources s on s.kind = p.kind and s.source_id = p.parent_source_id
        where p.comment_id = comments.id)
      where id in (select comment_id from import_pending_parents)`.execute(this.#db);
    const orphans = await this.#db.selectFrom('import_pending_parents').select(sql<number>`count(*)`.as('n')).where('comment_id', 'in', (eb) => eb.selectFrom('comments').select('id').where('parent_id', 'is', null)).executeTakeFirst();
    await this.#db.deleteFrom('import_pending_parents').execute();
    // A file may name a parent on another thread (Disqus ids are global), the comment itself, or
    // make two comments each other's parent. Every loop has a reply to a later comment (a higher
    // id: ids follow the file), so the walk starts only there; cut replies stand at the top level.
    const strays = await sql<{ id: number }>`with recursive up(start, at, steps) as (
        select id, parent_id, 1 from comments where id > ${writtenAfter} and parent_id >= id
        union all
        select up.start, c.parent_id, up.steps + 1 from up join comments c on c.id = up.at
        where up.at <> up.start and c.parent_id is not null and up.steps < 10000)
      select start as id from up where at = start
      union
      select c.id from comments c join comments p on p.id = c.parent_id where c.id > ${writtenAfter} and p.article_id <> c.article_id`.execute(this.#db);
    const ids = strays.rows.map((r) => Number(r.id));
    for (const part of chunks(ids)) await this.#db.updateTable('comments').set({ parent_id: null }).where('id', 'in', part).execute();
    return Number(orphans?.n ?? 0) + ids.length;
  }

  async addOldUrl(q: { path: string; articleId: ArticleId }): Promise<boolean> {
    const result = await this.#db.insertInto('old_urls').values({ path: q.path, article_id: q.articleId }).onConflict((oc) => oc.column('path').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async highestCommentId(): Promise<number> {
    const row = await this.#db.selectFrom('comments').select(sql<number | null>`max(id)`.as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async articleAtOldUrl(path: string): Promise<ArticleId | undefined> {
    const row = await this.#db.selectFrom('old_urls').select('article_id').where('path', '=', path).executeTakeFirst();
    return row && articleId(Number(row.article_id));
  }

  async freeSlug(base: string): Promise<string> {
    const rows = await this.#db
      .selectFrom('articles')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    const taken = new Set(rows.map((r) => r.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  async publicArticleAt(q: { paths: readonly string[]; now: Date }): Promise<{ slug: string; publishedAt: Date } | undefined> {
    if (q.paths.length === 0) return undefined;
    const row = await this.#db
      .selectFrom('old_urls as o')
      .innerJoin('articles as a', 'a.id', 'o.article_id')
      .select(['a.slug', 'a.published_at'])
      .where('o.path', 'in', [...q.paths])
      .where('a.status', '=', 'published')
      .where('a.published_at', '<=', q.now.getTime())
      .limit(1)
      .executeTakeFirst();
    return row && { slug: row.slug, publishedAt: new Date(Number(row.published_at)) };
  }

  async staff(): Promise<ExportStaff[]> {
    const rows = await this.#db.selectFrom('staff').select(['id', 'email', 'name', 'role']).orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), email: r.email, name: r.name, role: r.role as Role }));
  }

  async articles(q: { afterId: number; limit: number }): Promise<ExportArticle[]> {
    const rows = await this.#db.selectFrom('articles').selectAll().where('id', '>', q.afterId).orderBy('id').limit(q.limit).execute();
    if (rows.length === 0) return [];
    const tagRows = await this.#db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.name'])
      .where('at.article_id', 'in', rows.map((r) => r.id))
      .orderBy('at.article_id')
      .orderBy('at.position')
      .execute();
    const tagsOf = new Map<number, string[]>();
    for (const t of tagRows) tagsOf.set(Number(t.article_id), [...(tagsOf.get(Number(t.article_id)) ?? []), t.name]);
    return rows.map((r) => ({
      id: articleId(Number(r.id)),
      slug: r.slug,
      title: r.title,
      section: r.section,
      summary: r.summary,
      bodyMarkdown: r.body_markdown,
      bodyHtml: r.body_html,
      status: r.status as ArticleStatus,
      commentsOpen: Number(r.comments_open) === 1,
      publishedAt: new Date(Number(r.published_at)),
      updatedAt: new Date(Number(r.updated_at)),
      authorStaffId: r.author_staff_id === null ? null : Number(r.author_staff_id),
      tags: tagsOf.get(Number(r.id)) ?? [],
    }));
  }

  async comments(q: { articleId?: ArticleId; afterId: number; limit: number }): Promise<ExportComment[]> {
    let query = this.#db.selectFrom('comments').selectAll().where('id', '>', q.afterId);
    if (q.articleId !== undefined) query = query.where('article_id', '=', q.articleId);
    const rows = await query.orderBy('id').limit(q.limit).execute();
    return rows.map((r) => ({
      id: commentId(Number(r.id)),
      articleId: articleId(Number(r.article_id)),
      parentId: r.parent_id === null ? null : commentId(Number(r.parent_id)),
      kind: r.kind as CommentKind,
      status: r.status as CommentStatus,
      authorName: r.author_name,
      authorEmail: r.author_email,
      authorUrl: r.author_url,
      ip: r.author_ip,
      userAgent: r.user_agent,
      bodyText: r.body_text,
      bodyHtml: r.body_html,
      createdAt: new Date(Number(r.created_at)),
      featuredAt: r.featured_at === null ? null : new Date(Number(r.featured_at)),
      editedAt: r.edited_at === null ? null : new Date(Number(r.edited_at)),
    }));
  }
}
