// CommentStore over Kysely, for SQLite and PostgreSQL alike. One query per method; sorting
// and filtering happen in SQL.

import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Comment, CommentDraft, CommentOutline, CommentStatus } from '../domain/comment.ts';
import { articleId, commentId, staffId, type ArticleId, type CommentId } from '../domain/ids.ts';
import type { AuthorHistory, CheckReason } from '../domain/moderation.ts';
import { trustHtml, type TrustedHtml } from '../domain/trusted-html.ts';
import { searchTerms } from '../domain/search.ts';
import type { CommentStore, FeedComment, NewComment, QueueFilter } from '../comments/comment-store.ts';
import type { MigrationDialect } from './migrations/index.ts';
import type { CommentsTable, Database } from './schema.ts';
import { commentIdsMatching } from './sql-search-query.ts';
import { translateDbError } from './translate-db-error.ts';
import { preparedQuery } from './prepared-query.ts';

// The queries every comment POST runs, built once (prepared-query.ts).
type CommentRow = ReturnType<typeof commentRow>;
const insertComment = preparedQuery<CommentRow, Selectable<CommentsTable>>(
  ['article_id', 'parent_id', 'author_name', 'author_email', 'author_url', 'author_ip', 'ip_hash', 'user_agent', 'body_text', 'body_html', 'status', 'reasons', 'kind', 'ip_truncated', 'created_at', 'updated_at'],
  (db, row) => db.insertInto('comments').values(row).returningAll(),
);
type DuplicateQuery = { articleId: number; parentId: number; name: string; email: string; text: string };
const duplicateOf = (parent: 'top' | 'reply') =>
  preparedQuery<DuplicateQuery, { id: number }>(parent === 'top' ? ['articleId', 'name', 'email', 'text'] : ['articleId', 'parentId', 'name', 'email', 'text'], (db, q) =>
    db
      .selectFrom('comments')
      .select('id')
      .where('article_id', '=', q.articleId)
      .where((eb) => (parent === 'top' ? eb('parent_id', 'is', null) : eb('parent_id', '=', q.parentId)))
      .where('author_name', '=', q.name)
      .where('author_email', '=', q.email)
      .where('body_text', '=', q.text)
      .where('status', '!=', 'trash')
      .limit(1),
  );
const duplicateTopLevel = duplicateOf('top');
const duplicateReply = duplicateOf('reply');
// The newest comment by IP hash or by email: the last entry of its own index range.
const newestBy = (column: 'ip_hash' | 'author_email') =>
  preparedQuery<{ value: string; since: number }, { created_at: number }>(['value', 'since'], (db, q) =>
    db.selectFrom('comments').select('created_at').where(column, '=', q.value).where('created_at', '>=', q.since).orderBy('created_at', 'desc').limit(1),
  );
const newestByIp = newestBy('ip_hash');
const newestByEmail = newestBy('author_email');
const approvedByAuthor = preparedQuery<{ name: string; email: string }, { n: number }>(['name', 'email'], (db, q) =>
  db.selectFrom('comments').select(sql<number>`count(*)`.as('n')).where('author_email', '=', q.email).where('author_name', '=', q.name).where('status', '=', 'approved'),
);

export class SqlCommentStore implements CommentStore {
  readonly #db: Kysely<Database>;
  readonly #dialect: MigrationDialect;

  constructor(db: Kysely<Database>, dialect: MigrationDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async insert(c: NewComment): Promise<Comment> {
    try {
      const { rows } = await insertComment(this.#db, commentRow(c));
      return toComment(rows[0]!);
    } catch (e) {
      throw translateDbError(e);
    }
  }

  async reserveIds(count: number): Promise<CommentId[]> {
    if (count === 0) return [];
    if (this.#dialect === 'postgres') {
      const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('comments', 'id')) as id from generate_series(1, ${count})`.execute(this.#db);
      return rows.map((r) => commentId(Number(r.id)));
    }
    // SQLite: the write transaction holds the database, so the ids after the highest ever used are free.
    const { rows } = await sql<{ last: number }>`select max(coalesce((select max(id) from comments), 0), coalesce((select seq from sqlite_sequence where name = 'comments'), 0)) as last`.execute(this.#db);
    const last = Number(rows[0]?.last ?? 0);
    return Array.from({ length: count }, (_, i) => commentId(last + 1 + i));
  }

  async insertMany(comments: readonly (NewComment & { id: CommentId })[]): Promise<void> {
    // 19 columns a row: 500 rows stay well below either dialect's limit on bound parameters.
    for (let i = 0; i < comments.length; i += 500) {
      await this.#db.insertInto('comments').values(comments.slice(i, i + 500).map((c) => ({ ...commentRow(c), id: c.id }))).execute();
    }
  }

  async findById(id: CommentId): Promise<Comment | undefined> {
    const row = await this.#db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toComment(row);
  }

  async listForArticle(query: { articleId: ArticleId; statuses: readonly CommentStatus[]; alsoIds?: readonly CommentId[] }): Promise<Comment[]> {
    const rows = await this.#ofArticle(query, (q) => q.selectAll()).execute();
    return rows.map(toComment);
  }

  async listOutline(query: { articleId: ArticleId; statuses: readonly CommentStatus[]; alsoIds?: readonly CommentId[] }): Promise<CommentOutline[]> {
    // Only columns of the comments_outline index: the database never reads the rows themselves.
    const rows = await this.#ofArticle(query, (q) => q.select(['id', 'parent_id', 'status', 'created_at', 'featured_at', 'reaction_count'])).execute();
    return rows.map((row) => ({
      id: commentId(row.id),
      parentId: row.parent_id === null ? null : commentId(row.parent_id),
      status: row.status as CommentStatus,
      createdAt: new Date(Number(row.created_at)),
      featuredAt: row.featured_at === null ? null : new Date(Number(row.featured_at)),
      reactionCount: Number(row.reaction_count ?? 0),
    }));
  }

  async findByIds(ids: readonly CommentId[]): Promise<Comment[]> {
    const found: Comment[] = [];
    // Well below either dialect's limit on bound parameters.
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.#db.selectFrom('comments').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const row of rows) found.push(toComment(row));
    }
    return found;
  }

  /**
   * An article's comments with one of `statuses`, plus `alsoIds`, oldest first: a UNION of two
   * index lookups. One WHERE with an OR would read every comment of the article, held and spam
   * included, for each reader with a held comment of their own.
   */
  #ofArticle<O>(query: { articleId: ArticleId; statuses: readonly CommentStatus[]; alsoIds?: readonly CommentId[] }, pick: (q: SelectQueryBuilder<Database, 'comments', object>) => SelectQueryBuilder<Database, 'comments', O>) {
    const also = query.alsoIds ?? [];
    const ofArticle = () => pick(this.#db.selectFrom('comments')).where('article_id', '=', query.articleId);
    const listed = ofArticle().where('status', 'in', [...query.statuses]);
    return (also.length > 0 ? listed.union(ofArticle().where('id', 'in', [...also])) : listed).orderBy('created_at', 'asc').orderBy('id', 'asc');
  }

  async list(query: { status?: CommentStatus; limit: number; before?: CommentId }): Promise<Comment[]> {
    let q = this.#db.selectFrom('comments').selectAll();
    if (query.status) q = q.where('status', '=', query.status);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toComment);
  }

  async setStatus(query: { id: CommentId; status: CommentStatus; at: Date }): Promise<void> {
    await this.#db.updateTable('comments').set({ status: query.status, updated_at: query.at.getTime() }).where('id', '=', query.id).execute();
  }

  async existsDuplicate(d: CommentDraft): Promise<boolean> {
    const query = { articleId: d.articleId, parentId: d.parentId ?? 0, name: d.authorName, email: d.authorEmail, text: d.bodyText };
    const { rows } = await (d.parentId === null ? duplicateTopLevel : duplicateReply)(this.#db, query);
    return rows.length > 0;
  }

  async countSince(query: { ipHash: string; email: string; articleId: ArticleId; ipSince: Date; articleSince: Date; upTo: { perHour: number; perArticle: number } }): Promise<{ byIp: number; byEmail: number; byArticle: number }> {
    // Counting stops at the limit (a limited subquery): a busy address costs the limit, not its whole hour.
    const count = async (limit: number, build: (q: SelectQueryBuilder<Database, 'comments', { id: number }>) => SelectQueryBuilder<Database, 'comments', { id: number }>) => {
      if (limit <= 0) return 0;
      const rows = build(this.#db.selectFrom('comments').select('id')).limit(limit).as('capped');
      return Number((await this.#db.selectFrom(rows).select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
    };
    const since = query.ipSince.getTime();
    const { perHour, perArticle } = query.upTo;
    const [byIp, byEmail, byArticle] = await Promise.all([
      count(perHour, (q) => q.where('ip_hash', '=', query.ipHash).where('created_at', '>=', since)),
      query.email ? count(perHour, (q) => q.where('author_email', '=', query.email).where('created_at', '>=', since)) : 0,
      // Each status is its own range of the (article, status, created_at) index.
      count(perArticle, (q) => q.where('article_id', '=', query.articleId).where('status', 'in', ['pending', 'approved', 'spam', 'trash']).where('created_at', '>=', query.articleSince.getTime())),
    ]);
    return { byIp, byEmail, byArticle };
  }

  async lastCommentAt(query: { ipHash: string; email: string; since: Date }): Promise<Date | null> {
    // The newest comment by IP hash and by email, each the last entry of its own index range
    // (an OR, or max over a UNION, would scan every comment of the hour from a busy IP).
    const since = query.since.getTime();
    const [byIp, byEmail] = await Promise.all([
      newestByIp(this.#db, { value: query.ipHash, since }).then((r) => r.rows[0]),
      query.email ? newestByEmail(this.#db, { value: query.email, since }).then((r) => r.rows[0]) : undefined,
    ]);
    const last = Math.max(Number(byIp?.created_at ?? -Infinity), Number(byEmail?.created_at ?? -Infinity));
    return Number.isFinite(last) ? new Date(last) : null;
  }

  async countApprovedByAuthor(query: { name: string; email: string }): Promise<number> {
    const { rows } = await approvedByAuthor(this.#db, query);
    return Number(rows[0]?.n ?? 0);
  }

  async lockCommenter(query: { ipHash: string; email: string }): Promise<void> {
    // SQLite write transactions begin IMMEDIATE and so already run one at a time.
    if (this.#dialect !== 'postgres') return;
    // Transaction-scoped advisory locks, taken in a fixed order so two submitters never deadlock.
    const keys = [`ip:${query.ipHash}`, `email:${query.email}`].sort();
    for (const key of keys) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(this.#db);
  }

  async listWholeIps(query: { before: Date; limit: number }): Promise<{ id: CommentId; ip: string }[]> {
    const rows = await this.#db
      .selectFrom('comments')
      .select(['id', 'author_ip'])
      .where('ip_truncated', '=', 0)
      .where('created_at', '<', query.before.getTime())
      .orderBy('created_at')
      .limit(query.limit)
      .execute();
    return rows.map((r) => ({ id: commentId(r.id), ip: r.author_ip }));
  }

  async queue(query: QueueFilter & { status?: CommentStatus; before?: CommentId; limit: number }): Promise<Comment[]> {
    let q = this.#filtered(query).selectAll();
    if (query.status) q = q.where('status', '=', query.status);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    return (await q.orderBy('id', 'desc').limit(query.limit).execute()).map(toComment);
  }

  async countByStatus(filter: QueueFilter & { upTo?: number }): Promise<Partial<Record<CommentStatus, number>>> {
    // Bounded counts: each reads at most upTo + 1 index entries, so a tab of a million approved
    // comments costs what a tab of ten thousand does (the caller shows "10,000+").
    const statuses: CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];
    const counts = await Promise.all(
      statuses.map(async (status) => {
        let inner = this.#filtered(filter).select(sql<number>`1`.as('one')).where('status', '=', status);
        if (filter.upTo !== undefined) inner = inner.limit(filter.upTo + 1);
        const row = await this.#db.selectFrom(inner.as('bounded')).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
        return [status, Number(row?.n ?? 0)] as const;
      }),
    );
    return Object.fromEntries(counts.filter(([, n]) => n > 0));
  }

  async historyOf(emails: readonly string[]): Promise<Map<string, AuthorHistory>> {
    const out = new Map<string, AuthorHistory>();
    if (emails.length === 0) return out;
    const rows = await this.#db
      .selectFrom('comments')
      .select(['author_email', 'status', sql<number>`count(*)`.as('n')])
      .where('author_email', 'in', [...emails])
      .groupBy(['author_email', 'status'])
      .execute();
    for (const r of rows) {
      const h = out.get(r.author_email) ?? { approved: 0, pending: 0, spam: 0, trash: 0 };
      h[r.status as CommentStatus] = Number(r.n);
      out.set(r.author_email, h);
    }
    return out;
  }

  async countPerDay(query: { since: Date }): Promise<Map<string, number>> {
    // Grouped in SQL by whole days since `since`, which each dialect computes the same way.
    const dayMs = 86_400_000;
    const start = query.since.getTime();
    const bucket = sql<number>`(created_at - ${start}) / ${dayMs}`;
    const rows = await this.#db
      .selectFrom('comments')
      .select([bucket.as('day'), sql<number>`count(*)`.as('n')])
      .where('created_at', '>=', start)
      .groupBy(sql.ref('day')) // the alias: the same expression with fresh parameters would not group
      .execute();
    const out = new Map<string, number>();
    for (const r of rows) {
      const day = new Date(start + Math.floor(Number(r.day)) * dayMs).toISOString().slice(0, 10);
      out.set(day, (out.get(day) ?? 0) + Number(r.n));
    }
    return out;
  }

  async listForFeed(query: { now: Date; limit: number; articleId?: ArticleId }): Promise<FeedComment[]> {
    let q = this.#db
      .selectFrom('comments as c')
      .innerJoin('articles as a', 'a.id', 'c.article_id')
      .select(['c.id', 'c.author_name', 'c.body_html', 'c.created_at', 'c.edited_at', 'a.id as article_id', 'a.slug', 'a.title', 'a.published_at'])
      .where('c.status', '=', 'approved')
      .where('a.status', '=', 'published')
      .where('a.published_at', '<=', query.now.getTime());
    if (query.articleId !== undefined) q = q.where('c.article_id', '=', query.articleId);
    else q = q.where('a.external_key', 'is', null); // the site's comment feeds: embed threads' comments belong to other sites' pages
    const rows = await q.orderBy('c.id', 'desc').limit(query.limit).execute();
    return rows.map((r) => ({
      id: commentId(r.id),
      authorName: r.author_name,
      bodyHtml: trustHtml(r.body_html), // sanitised on submit
      createdAt: new Date(Number(r.created_at)),
      editedAt: r.edited_at === null ? null : new Date(Number(r.edited_at)),
      article: { id: articleId(r.article_id), slug: r.slug, title: r.title, publishedAt: new Date(Number(r.published_at)) },
    }));
  }

  #filtered(filter: QueueFilter) {
    let q = this.#db.selectFrom('comments');
    if (filter.articleId !== undefined) q = q.where('article_id', '=', filter.articleId);
    if (filter.author) {
      const author = filter.author.trim();
      q = author.includes('@') ? q.where('author_email', '=', author.toLowerCase()) : q.where(sql`lower(author_name)`, '=', author.toLowerCase());
    }
    // Words of the text or the author's name, through the full-text index (migration 0009).
    const terms = filter.search ? searchTerms(filter.search) : [];
    if (terms.length > 0) q = q.where('id', 'in', commentIdsMatching(this.#dialect, terms));
    if (filter.reported) q = q.where('id', 'in', this.#db.selectFrom('comment_reports').select('comment_id').where('resolved_at', 'is', null));
    return q;
  }

  async setFeatured(query: { id: CommentId; at: Date | null }): Promise<void> {
    await this.#db.updateTable('comments').set({ featured_at: query.at?.getTime() ?? null }).where('id', '=', query.id).execute();
  }

  async replaceBody(query: { id: CommentId; bodyText: string; bodyHtml: TrustedHtml; by: string; at: Date }): Promise<void> {
    const before = await this.#db.selectFrom('comments').select(['body_text', 'body_html']).where('id', '=', query.id).executeTakeFirstOrThrow();
    await this.#db
      .insertInto('comment_revisions')
      .values({ comment_id: query.id, body_text: before.body_text, body_html: before.body_html, replaced_by: query.by, replaced_at: query.at.getTime() })
      .execute();
    await this.#db.updateTable('comments').set({ body_text: query.bodyText, body_html: query.bodyHtml, edited_at: query.at.getTime(), updated_at: query.at.getTime() }).where('id', '=', query.id).execute();
  }

  async revisionsOf(id: CommentId): Promise<{ bodyText: string; replacedBy: string; replacedAt: Date }[]> {
    const rows = await this.#db.selectFrom('comment_revisions').select(['body_text', 'replaced_by', 'replaced_at']).where('comment_id', '=', id).orderBy('id').execute();
    return rows.map((r) => ({ bodyText: r.body_text, replacedBy: r.replaced_by, replacedAt: new Date(Number(r.replaced_at)) }));
  }

  async insertStaffReply(c: NewComment & { staffId: number }): Promise<Comment> {
    const inserted = await this.insert(c);
    await this.#db.updateTable('comments').set({ staff_id: c.staffId }).where('id', '=', inserted.id).execute();
    return { ...inserted, staffId: staffId(c.staffId) };
  }

  async ipOf(id: CommentId): Promise<string | undefined> {
    return (await this.#db.selectFrom('comments').select('author_ip').where('id', '=', id).executeTakeFirst())?.author_ip;
  }

  async replaceIp(query: { id: CommentId; ip: string }): Promise<void> {
    await this.#db.updateTable('comments').set({ author_ip: query.ip, ip_truncated: 1 }).where('id', '=', query.id).execute();
  }
}

/** The columns of a new comment, for insert and insertMany alike. */
function commentRow(c: NewComment) {
  return {
    article_id: c.articleId,
    parent_id: c.parentId,
    author_name: c.authorName,
    author_email: c.authorEmail,
    author_url: c.authorUrl,
    author_ip: c.ip,
    ip_hash: c.ipHash,
    user_agent: c.userAgent,
    body_text: c.bodyText,
    body_html: c.bodyHtml,
    status: c.status,
    reasons: JSON.stringify(c.reasons),
    kind: c.kind ?? 'comment',
    ip_truncated: c.ipTruncated ? 1 : 0,
    created_at: c.createdAt.getTime(),
    updated_at: c.createdAt.getTime(),
  };
}

function toComment(row: Selectable<CommentsTable>): Comment {
  return {
    id: commentId(row.id),
    articleId: articleId(row.article_id),
    parentId: row.parent_id === null ? null : commentId(row.parent_id),
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    bodyText: row.body_text,
    bodyHtml: trustHtml(row.body_html), // sanitised on submit
    status: row.status as CommentStatus,
    reasons: JSON.parse(row.reasons) as CheckReason[],
    createdAt: new Date(Number(row.created_at)),
    featuredAt: row.featured_at === null ? null : new Date(Number(row.featured_at)),
    editedAt: row.edited_at === null ? null : new Date(Number(row.edited_at)),
    staffId: row.staff_id === null ? null : staffId(row.staff_id),
    reactionCount: Number(row.reaction_count ?? 0),
  };
}
