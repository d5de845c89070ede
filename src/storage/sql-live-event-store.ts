// The live-event log over Kysely: appended in the cause's transaction, read after an id by
// every instance's live hub. On PostgreSQL appends are serialised by a transaction-scoped
// advisory lock, so ids are committed in the order they are given and a reader that has seen
// id N can never later find a smaller one committed (SQLite's BEGIN IMMEDIATE already does that).

import { sql, type Kysely } from 'kysely';
import type { Comment, CommentStatus } from '../domain/comment.ts';
import { articleId, commentId, staffId, type ArticleId } from '../domain/ids.ts';
import type { LiveEventKind } from '../domain/live-event.ts';
import { trustHtml } from '../domain/trusted-html.ts';
import type { LiveDiscussion, LiveEventFeed, LiveEventRow, LiveEventStore } from '../live/live-event-store.ts';
import type { MigrationDialect } from './migrations/index.ts';
import type { Database } from './schema.ts';

export class SqlLiveEventStore implements LiveEventStore, LiveEventFeed {
  readonly #db: Kysely<Database>;
  readonly #dialect: MigrationDialect;

  constructor(db: Kysely<Database>, dialect: MigrationDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async append(event: Parameters<LiveEventStore['append']>[0]): Promise<void> {
    // Held until commit; per schema, so sites sharing one PostgreSQL database do not wait on each other.
    if (this.#dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended('live_events:' || current_schema(), 0))`.execute(this.#db);
    await this.#db
      .insertInto('live_events')
      .values({ article_id: event.articleId, kind: event.kind, comment_id: event.commentId, at: event.at.getTime() })
      .execute();
  }

  async latestId(): Promise<number> {
    const row = await this.#db.selectFrom('live_events').select(sql<number>`max(id)`.as('id')).executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  async oldestId(): Promise<number | null> {
    const row = await this.#db.selectFrom('live_events').select(sql<number | null>`min(id)`.as('id')).executeTakeFirst();
    return row?.id === null || row?.id === undefined ? null : Number(row.id);
  }

  async listAfter(query: { afterId: number; upToId?: number; articleId?: ArticleId; limit: number }): Promise<LiveEventRow[]> {
    let q = this.#db
      .selectFrom('live_events as e')
      .leftJoin('comments as c', 'c.id', 'e.comment_id')
      .select(['e.id', 'e.article_id', 'e.kind', 'e.comment_id', 'e.at'])
      .select(['c.id as c_id', 'c.parent_id', 'c.author_name', 'c.author_email', 'c.author_url', 'c.body_html', 'c.status', 'c.created_at', 'c.featured_at', 'c.edited_at', 'c.staff_id'])
      .where('e.id', '>', query.afterId);
    if (query.upToId !== undefined) q = q.where('e.id', '<=', query.upToId);
    if (query.articleId !== undefined) q = q.where('e.article_id', '=', query.articleId);
    const rows = await q.orderBy('e.id').limit(query.limit).execute();
    return rows.map((row) => ({
      id: Number(row.id),
      articleId: articleId(row.article_id),
      kind: row.kind as LiveEventKind,
      commentId: commentId(row.comment_id),
      at: new Date(Number(row.at)),
      comment: row.c_id === null ? null : toComment({ ...row, c_id: row.c_id }),
    }));
  }

  async discussions(articleIds: readonly ArticleId[]): Promise<Map<ArticleId, LiveDiscussion>> {
    const found = new Map<ArticleId, LiveDiscussion>();
    if (articleIds.length === 0) return found;
    const rows = await this.#db
      .selectFrom('articles as a')
      .select(['a.id', 'a.title'])
      .select((eb) => eb.selectFrom('comments as c').whereRef('c.article_id', '=', 'a.id').where('c.status', '=', 'approved').select(sql<number>`count(*)`.as('n')).as('approved'))
      .where('a.id', 'in', articleIds)
      .execute();
    for (const row of rows) found.set(articleId(row.id), { title: row.title, approvedCount: Number(row.approved ?? 0) });
    return found;
  }

  async deleteBefore(before: Date): Promise<number> {
    const result = await this.#db.deleteFrom('live_events').where('at', '<', before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

interface JoinedComment {
  article_id: number;
  c_id: number;
  parent_id: number | null;
  author_name: string | null;
  author_email: string | null;
  author_url: string | null;
  body_html: string | null;
  status: string | null;
  created_at: number | null;
  featured_at: number | null;
  edited_at: number | null;
  staff_id: number | null;
}

function toComment(row: JoinedComment): Omit<Comment, 'reasons' | 'bodyText'> {
  return {
    id: commentId(row.c_id),
    articleId: articleId(row.article_id),
    parentId: row.parent_id === null ? null : commentId(row.parent_id),
    authorName: row.author_name ?? '',
    authorEmail: row.author_email ?? '',
    authorUrl: row.author_url,
    bodyHtml: trustHtml(row.body_html ?? ''), // sanitised when it was stored
    status: row.status as CommentStatus,
    createdAt: new Date(Number(row.created_at)),
    featuredAt: row.featured_at === null ? null : new Date(Number(row.featured_at)),
    editedAt: row.edited_at === null ? null : new Date(Number(row.edited_at)),
    staffId: row.staff_id === null ? null : staffId(row.staff_id),
  };
}
