/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The front page: the latest articles, newest first.

import { articlePath, type ArticleSummary } from '../domain/article.ts';
import { Layout } from './layout.tsx';
import { formatDate, type SiteView } from './site.ts';

export function FrontPage({ site, articles }: { site: SiteView; articles: readonly ArticleSummary[] }) {
  const m = site.messages;
  return (
    <Layout site={site} title={site.name} description={m.siteTagline}>
      <h1 class="page-title">{m.latestArticles}</h1>
      {articles.length === 0 ? <p>{m.noArticles}</p> : null}
      <ol class="article-list">
        {articles.map(({ article, approvedComments }) => (
          <li class="article-teaser">
            {article.section ? <p class="article-section">{article.section}</p> : null}
            <h2>
              <a href={articlePath(article)}>{article.title}</a>
            </h2>
            {article.summary ? <p class="standfirst">{article.summary}</p> : null}
            <p class="teaser-meta">
              <time dateTime={article.publishedAt.toISOString()}>{formatDate(site, article.publishedAt, false)}</time>
              {' · '}
              <a href={`${articlePath(article)}#comments`}>{m.comments(approvedComments)}</a>
            </p>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
