/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The parts every list of articles shares: a teaser per article (section, headline,
// standfirst, byline, date, comment count), links between pages, and the "most discussed" list.

import { articlePath, type ArticleSummary } from '../domain/article.ts';
import { listingPath } from '../domain/listing.ts';
import { standfirst } from '../domain/standfirst.ts';
import { formatDate, type SiteView } from './site.ts';

export function ArticleList({ site, articles }: { site: SiteView; articles: readonly ArticleSummary[] }) {
  return (
    <ol class="article-list">
      {articles.map((summary) => (
        <ArticleTeaser site={site} summary={summary} />
      ))}
    </ol>
  );
}

function ArticleTeaser({ site, summary: { article, approvedComments } }: { site: SiteView; summary: ArticleSummary }) {
  const path = articlePath(article);
  const text = standfirst(article);
  return (
    <li class="article-teaser">
      {article.section ? <Section name={article.section} /> : null}
      <h2>
        <a href={path}>{article.title}</a>
      </h2>
      {text ? <p class="standfirst">{text}</p> : null}
      <ArticleDateline site={site} class="teaser-meta" byline={article.byline} publishedAt={article.publishedAt} commentsHref={`${path}#comments`} comments={approvedComments} />
    </li>
  );
}

/** Byline · date · comment count, under a headline (on the article and in lists). */
export function ArticleDateline(props: { site: SiteView; class: string; byline: string | null | undefined; publishedAt: Date; commentsHref: string; comments: number }) {
  const { site } = props;
  return (
    <p class={props.class}>
      {props.byline ? (
        <>
          <Byline site={site} name={props.byline} />
          {' · '}
        </>
      ) : null}
      <time dateTime={props.publishedAt.toISOString()}>{formatDate(site, props.publishedAt, false)}</time>
      {' · '}
      <a href={props.commentsHref}>{site.messages.comments(props.comments)}</a>
    </p>
  );
}

/** The section label over a headline, linked to the section's page when it has one. */
export function Section({ name }: { name: string }) {
  const href = listingPath('section', name);
  return <p class="article-section">{href ? <a href={href}>{name}</a> : name}</p>;
}

/** "By Name", the name linked to the author's page when it has one. */
export function Byline({ site, name }: { site: SiteView; name: string }) {
  const href = listingPath('author', name);
  // The catalogue words the byline around the name ("By Name"); the name alone becomes the link.
  const [before, after] = site.messages.byline('\u0000').split('\u0000') as [string, string?];
  return (
    <span class="byline">
      {before}
      {href ? <a href={href}>{name}</a> : name}
      {after}
    </span>
  );
}

/** Newer and older pages of a list: `path` is page 1, `path?page=N` the others. */
export function Pagination({ site, path, page, pageCount }: { site: SiteView; path: string; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const m = site.messages;
  const href = (n: number) => (n === 1 ? path : `${path}?page=${n}`);
  return (
    <nav class="pagination" aria-label={m.pages}>
      {page > 1 ? (
        <a rel="prev" href={href(page - 1)}>
          ← {m.newerArticles}
        </a>
      ) : null}
      <span class="page-of" aria-current="page">
        {m.pageOf(page, pageCount)}
      </span>
      {page < pageCount ? (
        <a rel="next" href={href(page + 1)}>
          {m.olderArticles} →
        </a>
      ) : null}
    </nav>
  );
}

/** The articles with most approved comments of the last `days` days. */
export function MostDiscussed({ site, articles, days }: { site: SiteView; articles: readonly ArticleSummary[]; days: number }) {
  if (articles.length === 0) return null;
  const m = site.messages;
  return (
    <aside class="most-discussed" aria-labelledby="most-discussed-title">
      <h2 id="most-discussed-title">{m.mostDiscussed}</h2>
      <p class="most-discussed-note">{m.mostDiscussedDays(days)}</p>
      <ol>
        {articles.map(({ article, approvedComments }) => (
          <li>
            <a href={articlePath(article)}>{article.title}</a> <span class="count">{m.comments(approvedComments)}</span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
