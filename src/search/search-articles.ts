// The reader's search: checks the query, asks the index for one page of public articles, and
// turns each into a hit with its headline and a snippet highlighted. Used by the /search page.

import { articlePath } from '../domain/article.ts';
import { readSearchQuery, type ArticleHit, type SearchProblem } from '../domain/search.ts';
import type { Clock } from '../lib/clock.ts';
import type { ArticleMatch, ArticleSearch } from './article-search.ts';
import { articlePlainText } from './article-text.ts';
import { highlight, snippet } from './highlight.ts';

export const hitsPerPage = 10;
/** Past this a query is too vague to page through; the offset would only cost the database. */
export const maxSearchPage = 50;

export type SearchOutcome =
  | { readonly kind: 'refused'; readonly text: string; readonly problem: SearchProblem }
  | { readonly kind: 'results'; readonly text: string; readonly page: number; readonly hits: readonly ArticleHit[]; readonly hasNext: boolean };

export function createSearchArticles(deps: { search: ArticleSearch; clock: Clock }) {
  /** `page` counts from 1; anything else (not a whole number, past maxSearchPage) is refused. */
  return async function searchArticles(input: { text: string; page: number }): Promise<SearchOutcome> {
    const query = readSearchQuery(input.text);
    if (!query.ok) return { kind: 'refused', text: query.text, problem: query.problem };
    if (!Number.isInteger(input.page) || input.page < 1 || input.page > maxSearchPage) return { kind: 'refused', text: query.text, problem: 'page_invalid' };
    const found = await deps.search.search({ terms: query.terms, now: deps.clock.now(), limit: hitsPerPage + 1, offset: (input.page - 1) * hitsPerPage });
    return {
      kind: 'results',
      text: query.text,
      page: input.page,
      hits: found.slice(0, hitsPerPage).map((match) => toHit(match, query.terms)),
      hasNext: found.length > hitsPerPage,
    };
  };
}

export type SearchArticles = ReturnType<typeof createSearchArticles>;

function toHit(match: ArticleMatch, terms: readonly string[]): ArticleHit {
  const text = [match.summary, articlePlainText(match.bodyMarkdown)].filter(Boolean).join(' ');
  return { path: articlePath(match), title: highlight(match.title, terms), section: match.section, publishedAt: match.publishedAt, snippet: snippet(text, terms) };
}
