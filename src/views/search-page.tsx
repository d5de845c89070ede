/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The search page: the form, then the results of one page with matched words marked, or what
// kept a search from running. Every run of text is escaped; only <mark> is ours.

import type { ArticleHit, HighlightedText, SearchProblem } from '../domain/search.ts';
import { Layout } from './layout.tsx';
import { formatDate, type SiteView } from './site.ts';

export type SearchPageProps =
  | { readonly site: SiteView; readonly query: string; readonly problem: SearchProblem }
  | { readonly site: SiteView; readonly query: string; readonly page: number; readonly perPage: number; readonly hits: readonly ArticleHit[]; readonly hasNext: boolean };

export function SearchPage(props: SearchPageProps) {
  const { site, query } = props;
  const m = site.messages;
  const heading = 'problem' in props ? m.search : m.searchResults(query, props.page);
  return (
    <Layout site={site} title={`${heading} — ${site.name}`} noindex={query !== ''}>
      <h1 class="page-title">{heading}</h1>
      <SearchForm site={site} query={query} />
      {'problem' in props ? <p class="search-message">{m.searchProblems[props.problem]}</p> : <Results {...props} />}
    </Layout>
  );
}

function SearchForm({ site, query }: { site: SiteView; query: string }) {
  const m = site.messages;
  return (
    <form class="search-form" role="search" method="get" action="/search">
      <label for="search-query">{m.searchLabel}</label>
      <input id="search-query" name="q" type="search" value={query} />
      <button type="submit">{m.search}</button>
    </form>
  );
}

function Results({ site, query, page, perPage, hits, hasNext }: Extract<SearchPageProps, { hits: unknown }>) {
  const m = site.messages;
  if (hits.length === 0) return <p class="search-message">{page === 1 ? m.searchNothingFound(query) : m.searchNoMore}</p>;
  return (
    <>
      <ol class="search-results" start={(page - 1) * perPage + 1}>
        {hits.map((hit) => (
          <li class="search-hit">
            <h2>
              <a href={hit.path}>
                <Highlighted text={hit.title} />
              </a>
            </h2>
            <p class="teaser-meta">
              {hit.section ? `${hit.section} · ` : null}
              <time dateTime={hit.publishedAt.toISOString()}>{formatDate(site, hit.publishedAt, false)}</time>
            </p>
            <p class="search-snippet">
              <Highlighted text={hit.snippet} />
            </p>
          </li>
        ))}
      </ol>
      <ResultPages site={site} query={query} page={page} hasNext={hasNext} />
    </>
  );
}

function ResultPages({ site, query, page, hasNext }: { site: SiteView; query: string; page: number; hasNext: boolean }) {
  if (page === 1 && !hasNext) return null;
  const m = site.messages;
  const href = (n: number) => `/search?${new URLSearchParams(n === 1 ? { q: query } : { q: query, page: String(n) })}`;
  return (
    <nav class="pagination" aria-label={m.searchPages}>
      {page > 1 ? (
        <a rel="prev" href={href(page - 1)}>
          ← {m.searchPrevious}
        </a>
      ) : null}
      {hasNext ? (
        <a rel="next" href={href(page + 1)}>
          {m.searchNext} →
        </a>
      ) : null}
    </nav>
  );
}

function Highlighted({ text }: { text: HighlightedText }) {
  return <>{text.map((run) => (run.mark ? <mark>{run.text}</mark> : run.text))}</>;
}
