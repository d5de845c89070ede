/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The page frame: head, masthead, main, footer. Every public page renders inside it.

import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { SiteView } from './site.ts';

export interface LayoutProps {
  readonly site: SiteView;
  readonly title: string;
  readonly description?: string;
  readonly canonicalPath?: string;
  readonly children: ComponentChildren;
}

export function Layout({ site, title, description, children }: LayoutProps) {
  const m = site.messages;
  return (
    <html lang={site.locale.split('-')[0]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
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
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <a href="/">{m.backToFront}</a>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page component to a complete HTML document. */
export function renderDocument(page: preact.VNode): string {
  return `<!doctype html>${render(page)}`;
}
