/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// A discussion shown inside another site's page (an iframe made by /embed.js): the article
// page's own discussion component in a frame of its own, without the site's masthead, footer
// or article. dateline.js sees `data-embed` and reports the height to the host page, applies
// the host's CSS variables and opens links that lead out of the discussion in a new tab.

import type { ComponentChildren } from 'preact';
import { DiscussionSection, type DiscussionSectionProps } from './article-page.tsx';
import type { SiteView } from './site.ts';

export interface EmbedPageProps extends Omit<DiscussionSectionProps, 'embed'> {
  /** The reader's comment was held for moderation (the notice a pending-comment cookie would give, which a third-party frame cannot keep). */
  readonly held?: boolean;
}

export function EmbedPage(props: EmbedPageProps) {
  const { site, article, held } = props;
  return (
    <EmbedFrame site={site} title={site.messages.embedTitle(article.title)}>
      {held ? (
        <p class="embed-held" role="status">
          {site.messages.embedHeld}
        </p>
      ) : null}
      <DiscussionSection {...props} embed />
    </EmbedFrame>
  );
}

/** A page that says the page asking for comments is not on a site allowed to embed them. */
export function EmbedRefusedPage({ site }: { site: SiteView }) {
  const m = site.messages;
  return (
    <EmbedFrame site={site} title={m.embedNotEnabledTitle}>
      <h2>{m.embedNotEnabledTitle}</h2>
      <p>{m.embedNotEnabled}</p>
    </EmbedFrame>
  );
}

function EmbedFrame({ site, title, children }: { site: SiteView; title: string; children: ComponentChildren }) {
  return (
    <html lang={site.locale.split('-')[0]} class="embed" data-embed="">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {/* The discussion belongs to the host page; search engines should find it there. */}
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={site.assets.css} />
        <script src={site.assets.js} defer />
      </head>
      <body class="embed">
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
