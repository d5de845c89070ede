// CommentCountStore over Kysely: public articles by slug or id with their approved comments, in
// one query (the comments' (article_id, status) index serves the counts).

import { sql, type Kysely } from 'kysely';
import type { ArticleCount, CommentCountStore } from '../comments/comment-counts.ts';
import { articleId, type ArticleId } from '../domain/ids.ts';
import type { Database } from './schema.ts';

export class SqlCommentCountStore implements CommentCountStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async publicCounts(query: { slugs?: readonly string[]; ids?: readonly ArticleId[]; externalKeys?: readonly string[]; now: Date }): Promise<ArticleCount[]> {
    let q = this.#db
      .selectFrom('articles as a')
      .select(['a.id', 'a.slug', 'a.published_at', 'a.external_key'])
      .select((eb) =>
        eb
          .selectFrom('comments as c')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('c.article_id', '=', 'a.id')
          .where('c.status', '=', 'approved')
          .as('approved_comments'),
      )
      .where('a.status', '=', 'published')
      .where('a.published_at', '<=', query.now.getTime());
    if (query.slugs) q = q.where('a.slug', 'in', [...query.slugs]);
    if (query.ids) q = q.where('a.id', 'in', [...query.ids]);
    if (query.externalKeys) q = q.where('a.external_key', 'in', [...query.externalKeys]); // unique index (migration 0017)
    const rows = await q.execute();
    return rows.map((r) => ({ id: articleId(r.id), slug: r.slug, publishedAt: new Date(Number(r.published_at)), approvedComments: Number(r.approved_comments ?? 0), externalKey: r.external_key }));
  }
}
