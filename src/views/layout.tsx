/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The page frame: head, masthead, main, footer. Every public page renders inside it.

import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { MetaTags, type PageMeta } from './page-meta.tsx';
import type { SiteView } from './site.ts';

export interface LayoutProps {
  readonly site: SiteView;
  readonly title: string;
  readonly description?: string;
  readonly canonicalPath?: string;
  /** Canonical URL, link previews, feeds and structured data (public pages). */
  readonly meta?: PageMeta;
  /** The RSS feed of the comments on this page's article, linked from the head. */
  readonly commentFeed?: { readonly title: string; readonly href: string };
  /** Asks search engines not to index the page (search results). */
  readonly noindex?: boolean;
  readonly children: ComponentChildren;
}

export function Layout({ site, title, description, meta, commentFeed, noindex, children }: LayoutProps) {
  const m = site.messages;
  return (
    <html lang={site.locale.split('-')[0]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {noindex ? <meta name="robots" content="noindex" /> : null}
        {description ? <meta name="description" content={description} /> : null}
        {meta ? <MetaTags site={site} meta={meta} /> : null}
        <link rel="alternate" type="application/rss+xml" title={m.feedLatestArticles(site.name)} href="/feed/" />
        {commentFeed ? <link rel="alternate" type="application/rss+xml" title={commentFeed.title} href={commentFeed.href} /> : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={site.assets.css} />
        <script src={site.assets.js} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {m.skipToContent}
        </a>
        <header class="masthead">
          <a class="site-name" href="/">
            {site.name}
          </a>
          <span class="tagline">{m.siteTagline}</span>
          <nav class="site-nav" aria-label={m.siteNavigation}>
            <a href="/">{m.home}</a>
            <a href="/search">{m.search}</a>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>{children}</main>
        <footer class="site-footer">
          <a href="/">{m.backToFront}</a> · <a href="/privacy/">{m.privacy}</a>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page component to a complete HTML document. */
export function renderDocument(page: preact.VNode): string {
  return `<!doctype html>${render(page)}`;
}
