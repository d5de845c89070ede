/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// What a page tells search engines and link previews: canonical URL, Open Graph and Twitter
// card tags, feed links, and structured data (JSON-LD) embedded as inert data.

import type { SiteView } from './site.ts';

export interface PageMeta {
  /** The page's one absolute address. */
  readonly canonicalUrl: string;
  /** The title for previews, without the site's name. */
  readonly title: string;
  readonly description: string;
  readonly type: 'website' | 'article';
  /** Open Graph article facts, for an article. */
  readonly article?: { readonly publishedAt: Date; readonly updatedAt: Date; readonly section: string | null; readonly tags: readonly string[] };
  /** This page's own feeds, as `<link rel="alternate">`. */
  readonly feeds?: readonly FeedLink[];
  /** schema.org data about the page. */
  readonly jsonLd?: Readonly<Record<string, unknown>>;
}

export interface FeedLink {
  readonly format: 'rss' | 'atom' | 'json';
  readonly href: string;
}

export const feedLinkTypes: Readonly<Record<FeedLink['format'], string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

export function MetaTags({ site, meta }: { site: SiteView; meta: PageMeta }) {
  const m = site.messages;
  return (
    <>
      <link rel="canonical" href={meta.canonicalUrl} />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:type" content={meta.type} />
      <meta property="og:title" content={meta.title} />
      <meta property="og:description" content={meta.description} />
      <meta property="og:url" content={meta.canonicalUrl} />
      <meta property="og:locale" content={site.locale.replace('-', '_')} />
      {meta.article ? <ArticleTags article={meta.article} /> : null}
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={meta.title} />
      <meta name="twitter:description" content={meta.description} />
      {(meta.feeds ?? []).map((feed) => (
        <link rel="alternate" type={feedLinkTypes[feed.format]} title={m.feedTitle(meta.title, m.feedNames[feed.format])} href={feed.href} />
      ))}
      {meta.jsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(meta.jsonLd) }} /> : null}
    </>
  );
}

function ArticleTags({ article }: { article: NonNullable<PageMeta['article']> }) {
  return (
    <>
      <meta property="article:published_time" content={article.publishedAt.toISOString()} />
      <meta property="article:modified_time" content={article.updatedAt.toISOString()} />
      {article.section ? <meta property="article:section" content={article.section} /> : null}
      {article.tags.map((tag) => (
        <meta property="article:tag" content={tag} />
      ))}
    </>
  );
}

/**
 * JSON that is safe inside a <script> element: `<`, `>` and `&` become \u escapes (so no
 * `</script>` or `<!--` can end or bend the element), and so do U+2028/U+2029. The result is
 * still the same JSON to any parser. The CSP forbids inline script execution; this is data.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
