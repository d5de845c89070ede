/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The front page: the latest articles, newest first, a page at a time, with the most
// discussed articles of the last days beside them.

import type { ArticleSummary } from '../domain/article.ts';
import { ArticleList, MostDiscussed, Pagination } from './article-list.tsx';
import { Layout } from './layout.tsx';
import type { PageMeta } from './page-meta.tsx';
import type { SiteView } from './site.ts';

export interface FrontPageProps {
  readonly site: SiteView;
  readonly articles: readonly ArticleSummary[];
  readonly page: number;
  readonly pageCount: number;
  readonly mostDiscussed: readonly ArticleSummary[];
  readonly mostDiscussedDays: number;
  readonly meta: PageMeta;
}

export function FrontPage({ site, articles, page, pageCount, mostDiscussed, mostDiscussedDays, meta }: FrontPageProps) {
  const m = site.messages;
  return (
    <Layout site={site} title={m.pageTitle(site.name, page)} description={meta.description} meta={meta}>
      <div class="front-grid">
        <section class="front-latest" aria-labelledby="latest-title">
          <h1 id="latest-title" class="page-title">
            {m.pageTitle(m.latestArticles, page)}
          </h1>
          {articles.length === 0 ? <p>{m.noArticles}</p> : <ArticleList site={site} articles={articles} />}
          <Pagination site={site} path="/" page={page} pageCount={pageCount} />
        </section>
        {page === 1 ? <MostDiscussed site={site} articles={mostDiscussed} days={mostDiscussedDays} /> : null}
      </div>
    </Layout>
  );
}
