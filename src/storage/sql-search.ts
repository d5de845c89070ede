// ArticleSearch over the search_articles index of migration 0009: FTS5 ranked by bm25 on
// SQLite, tsvector ranked by ts_rank_cd on PostgreSQL. Only published articles whose time
// has come are found; ties go to the newer article.

import { sql, type Kysely } from 'kysely';
import { articleId } from '../domain/ids.ts';
import type { ArticleMatch, ArticleSearch } from '../search/article-search.ts';
import type { MigrationDialect } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { ftsMatchQuery, tsQueryText } from './sql-search-query.ts';

type SearchQuery = Parameters<ArticleSearch['search']>[0];

interface MatchRow {
  id: number;
  slug: string;
  title: string;
  section: string | null;
  summary: string | null;
  body_markdown: string;
  published_at: number | string;
}

// Headline over summary over body, 10 : 4 : 1, in each engine's terms. bm25 takes a weight
// per FTS5 column (title, summary, body_markdown); ts_rank_cd one per label {D, C, B, A}, and
// the migration labels body C, summary B, headline A.
const bm25Weights = sql.raw('10.0, 4.0, 1.0');
const rankWeights = '{0.1, 0.1, 0.4, 1.0}';

export class SqlArticleSearch implements ArticleSearch {
  readonly #db: Kysely<Database>;
  readonly #dialect: MigrationDialect;

  constructor(db: Kysely<Database>, dialect: MigrationDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async search(query: SearchQuery): Promise<ArticleMatch[]> {
    if (query.terms.length === 0) return [];
    const found = this.#dialect === 'postgres' ? this.#postgres(query) : this.#sqlite(query);
    const { rows } = await found.execute(this.#db);
    return rows.map(toMatch);
  }

  #sqlite(query: SearchQuery) {
    return sql<MatchRow>`
      select a.id, a.slug, a.title, a.section, a.summary, a.body_markdown, a.published_at
      from search_articles join articles a on a.id = search_articles.rowid
      where search_articles match ${ftsMatchQuery(query.terms, 'last')}
        and a.status = 'published' and a.published_at <= ${query.now.getTime()} and a.external_key is null
      order by bm25(search_articles, ${bm25Weights}), a.published_at desc, a.id desc
      limit ${query.limit} offset ${query.offset}`;
  }

  #postgres(query: SearchQuery) {
    return sql<MatchRow>`
      select a.id, a.slug, a.title, a.section, a.summary, a.body_markdown, a.published_at
      from search_articles s join articles a on a.id = s.article_id,
        to_tsquery('english', ${tsQueryText(query.terms, 'last')}) q
      where s.document @@ q
        and a.status = 'published' and a.published_at <= ${query.now.getTime()} and a.external_key is null
      order by ts_rank_cd(${rankWeights}::float4[], s.document, q) desc, a.published_at desc, a.id desc
      limit ${query.limit} offset ${query.offset}`;
  }
}

function toMatch(row: MatchRow): ArticleMatch {
  return {
    id: articleId(row.id),
    slug: row.slug,
    title: row.title,
    section: row.section,
    summary: row.summary,
    bodyMarkdown: row.body_markdown,
    publishedAt: new Date(Number(row.published_at)),
  };
}
