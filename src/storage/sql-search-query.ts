// A search's words (domain/search.ts searchTerms) as each index's query language. Every word is
// quoted, so nothing a reader types is read as syntax: FTS5's AND/OR/NOT/NEAR, `*`, `^`,
// column filters and brackets, or tsquery's & | ! <-> :*. Used by sql-search.ts and the
// moderation queue's word filter in sql-comment-store.ts.

import { sql, type RawBuilder } from 'kysely';
import type { MigrationDialect } from './migrations/index.ts';

/** Which words also match as the start of a longer word: the last (as typed so far) or all. */
export type PrefixMatch = 'last' | 'all';

/** FTS5: `"word" "word"*` — quoted strings (quotes doubled), implicitly ANDed. */
export function ftsMatchQuery(terms: readonly string[], prefix: PrefixMatch): string {
  return terms.map((term, i) => `"${term.replace(/"/g, '""')}"${isPrefix(i, terms.length, prefix) ? '*' : ''}`).join(' ');
}

/**
 * PostgreSQL: `'word' & 'word':*`, for to_tsquery. Not websearch_to_tsquery: that cannot match
 * the start of a word, and this way both dialects read a query the same (every word, ANDed).
 */
export function tsQueryText(terms: readonly string[], prefix: PrefixMatch): string {
  const words = terms.map((term) => term.replace(/['\\]/g, '')).filter((word) => word !== ''); // '' is a syntax error
  return words.map((word, i) => `'${word}'${isPrefix(i, words.length, prefix) ? ':*' : ''}`).join(' & ');
}

const isPrefix = (i: number, count: number, prefix: PrefixMatch) => prefix === 'all' || i === count - 1;

/**
 * The moderation queue's word filter: ids of comments whose author name or text hold every
 * term, each also as the start of a word, as a subquery for `where id in (…)`.
 */
export function commentIdsMatching(dialect: MigrationDialect, terms: readonly string[]): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`(select comment_id from search_comments where document @@ to_tsquery('simple', ${tsQueryText(terms, 'all')}))`
    : sql<number>`(select rowid from search_comments where search_comments match ${ftsMatchQuery(terms, 'all')})`;
}
