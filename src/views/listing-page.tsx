/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// A section's, tag's or author's page: its articles, newest first, a page at a time, and
// links to its own feeds.

import type { ArticleSummary } from '../domain/article.ts';
import type { ListingKind } from '../domain/listing.ts';
import { ArticleList, Pagination } from './article-list.tsx';
import { Layout } from './layout.tsx';
import { feedLinkTypes, type PageMeta } from './page-meta.tsx';
import type { SiteView } from './site.ts';

export interface ListingPageProps {
  readonly site: SiteView;
  readonly kind: ListingKind;
  /** The section, tag or author as written. */
  readonly name: string;
  /** The list's own address, page 1. */
  readonly path: string;
  readonly articles: readonly ArticleSummary[];
  readonly page: number;
  readonly pageCount: number;
  readonly meta: PageMeta;
}

/** The heading of a list of `kind` named `name`, from the catalogue. */
export function listingTitle(site: SiteView, kind: ListingKind, name: string): string {
  const m = site.messages;
  return kind === 'section' ? m.sectionTitle(name) : kind === 'tag' ? m.tagTitle(name) : m.authorTitle(name);
}

/** A sentence about a list of `kind` named `name`, for its meta description and feeds. */
export function listingDescription(site: SiteView, kind: ListingKind, name: string): string {
  const m = site.messages;
  const describe = kind === 'section' ? m.sectionDescription : kind === 'tag' ? m.tagDescription : m.authorDescription;
  return describe(name, site.name);
}

export function ListingPage({ site, kind, name, path, articles, page, pageCount, meta }: ListingPageProps) {
  const m = site.messages;
  const title = m.pageTitle(listingTitle(site, kind, name), page);
  return (
    <Layout site={site} title={`${title} — ${site.name}`} description={meta.description} meta={meta}>
      <h1 class="page-title">{title}</h1>
      <ArticleList site={site} articles={articles} />
      <Pagination site={site} path={path} page={page} pageCount={pageCount} />
      {meta.feeds && meta.feeds.length > 0 ? (
        <p class="listing-feeds">
          {m.listingFeeds}{' '}
          {meta.feeds.map((feed, i) => (
            <>
              {i > 0 ? ' · ' : null}
              <a href={feed.href} type={feedLinkTypes[feed.format]}>
                {m.feedNames[feed.format]}
              </a>
            </>
          ))}
        </p>
      ) : null}
    </Layout>
  );
}
