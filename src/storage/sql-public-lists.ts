// The queries behind the public lists of articles (front page, section, tag, author pages and
// "most discussed"), for SqlArticleStore. Rows come back raw; the store maps them.

import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { slugify } from '../domain/article.ts';
import type { ListingFilter } from '../domain/listing.ts';
import type { ArticlesTable, Database } from './schema.ts';

export type ListRow = Selectable<ArticlesTable> & { byline: string | null; approved_comments: number | string | bigint | null };

type Scope = ExpressionBuilder<Database & { a: ArticlesTable }, 'a'>;

/** What picks a list's articles: SQL for the rows, and the list's display name. */
interface Selection {
  readonly where: (eb: Scope) => Expression<SqlBool>;
  readonly name: string | null;
}

/** Public and the site's own: embed threads (another site's page's comments, migration 0017) are listed nowhere here. */
const publicAt = (now: Date) => (eb: Scope) => eb.and([eb('a.status', '=', 'published'), eb('a.published_at', '<=', now.getTime()), eb('a.external_key', 'is', null)]);

/** One page of a public list, its total, and its name; an unknown section, tag or author is an empty list. */
export async function queryPublicList(db: Kysely<Database>, query: { filter: ListingFilter; now: Date; limit: number; offset: number }) {
  const selection = await select(db, query.filter, query.now);
  if (!selection) return { rows: [] as ListRow[], total: 0, name: null };
  const isPublic = publicAt(query.now);
  const inList = (eb: Scope) => eb.and([isPublic(eb), selection.where(eb)]);
  const [count, rows] = await Promise.all([
    db.selectFrom('articles as a').select(sql<number | string>`count(*)`.as('n')).where(inList).executeTakeFirst(),
    db
      .selectFrom('articles as a')
      .where(inList)
      .leftJoin('staff as s', 's.id', 'a.author_staff_id')
      .selectAll('a')
      .select('s.name as byline')
      .select((eb) =>
        eb
          .selectFrom('comments as c')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('c.article_id', '=', 'a.id')
          .where('c.status', '=', 'approved')
          .as('approved_comments'),
      )
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  const total = Number(count?.n ?? 0);
  return { rows: rows as ListRow[], total, name: total > 0 ? selection.name : null };
}

/** Public articles by approved comments written since `since`, most first (ties: newer article first). */
export async function queryMostDiscussed(db: Kysely<Database>, query: { now: Date; since: Date; limit: number }): Promise<ListRow[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('comments')
        .select(['article_id', sql<number>`count(*)`.as('n')])
        .where('status', '=', 'approved')
        .where('created_at', '>=', query.since.getTime())
        .where('created_at', '<=', query.now.getTime())
        .groupBy('article_id')
        .as('recent'),
    )
    .innerJoin('articles as a', 'a.id', 'recent.article_id')
    .leftJoin('staff as s', 's.id', 'a.author_staff_id')
    .selectAll('a')
    .select(['s.name as byline', 'recent.n as approved_comments'])
    .where(publicAt(query.now))
    .orderBy('recent.n', 'desc')
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit)
    .execute();
  return rows as ListRow[];
}

/** How a filter picks its rows; undefined when its slug names nothing public. */
async function select(db: Kysely<Database>, filter: ListingFilter, now: Date): Promise<Selection | undefined> {
  switch (filter.kind) {
    case 'all':
      return { where: (eb) => eb.lit(true), name: null };
    case 'section':
      return selectSection(db, filter.slug, now);
    case 'tag':
      return selectTag(db, filter.slug);
    case 'author':
      return selectAuthor(db, filter.slug, now);
  }
}

// Sections are free text on each article, so every spelling whose slug matches belongs to the
// section ("World", "world"); the most recently used spelling names it. There are few of them.
async function selectSection(db: Kysely<Database>, slug: string, now: Date): Promise<Selection | undefined> {
  const rows = await db
    .selectFrom('articles as a')
    .select(['a.section', (eb) => eb.fn.max('a.published_at').as('latest')])
    .where(publicAt(now))
    .where('a.section', 'is not', null)
    .groupBy('a.section')
    .orderBy('latest', 'desc')
    .execute();
  const names = rows.map((r) => r.section!).filter((name) => slugify(name) === slug);
  if (names.length === 0) return undefined;
  return { where: (eb) => eb('a.section', 'in', names), name: names[0]! };
}

async function selectTag(db: Kysely<Database>, slug: string): Promise<Selection | undefined> {
  const tag = await db.selectFrom('tags').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
  if (!tag) return undefined;
  return {
    where: (eb) => eb.exists(eb.selectFrom('article_tags as at').select('at.id').whereRef('at.article_id', '=', 'a.id').where('at.tag_id', '=', tag.id)),
    name: tag.name,
  };
}

// An author's slug is made from the staff member's name; two staff whose names make one slug
// share the page (a newsroom tells bylines apart by name, and so do readers).
async function selectAuthor(db: Kysely<Database>, slug: string, now: Date): Promise<Selection | undefined> {
  const rows = await db
    .selectFrom('staff as s')
    .innerJoin('articles as a', 'a.author_staff_id', 's.id')
    .select(['s.id', 's.name', (eb) => eb.fn.max('a.published_at').as('latest')])
    .where(publicAt(now))
    .groupBy(['s.id', 's.name'])
    .orderBy('latest', 'desc')
    .execute();
  const authors = rows.filter((r) => slugify(r.name) === slug);
  if (authors.length === 0) return undefined;
  return { where: (eb) => eb('a.author_staff_id', 'in', authors.map((r) => r.id)), name: authors[0]!.name };
}
