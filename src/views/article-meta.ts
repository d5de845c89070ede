// What an article page tells search engines and link previews: its canonical URL, Open Graph
// article facts, and a schema.org NewsArticle (JSON-LD) with its comment count.

import { articlePath, type Article } from '../domain/article.ts';
import { listingPath } from '../domain/listing.ts';
import { standfirst } from '../domain/standfirst.ts';
import type { PageMeta } from './page-meta.tsx';
import type { SiteView } from './site.ts';

/** `origin`: the site's address without a trailing slash; `commentCount`: approved comments. */
export function articleMeta(view: { site: SiteView; article: Article; origin: string; commentCount: number }): PageMeta {
  const { site, article, origin } = view;
  const url = `${origin}${articlePath(article)}`;
  const description = standfirst(article);
  // An article saved before its scheduled time was last changed when it came out.
  const modified = new Date(Math.max(article.updatedAt.getTime(), article.publishedAt.getTime()));
  const tags = article.tags ?? [];
  return {
    canonicalUrl: url,
    title: article.title,
    description,
    type: 'article',
    article: { publishedAt: article.publishedAt, updatedAt: modified, section: article.section, tags },
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.title,
      ...(description ? { description } : {}),
      url,
      mainEntityOfPage: url,
      datePublished: article.publishedAt.toISOString(),
      dateModified: modified.toISOString(),
      author: author(site, article, origin),
      ...(article.section ? { articleSection: article.section } : {}),
      ...(tags.length > 0 ? { keywords: tags.join(', ') } : {}),
      commentCount: view.commentCount,
      inLanguage: site.locale,
      publisher: { '@type': 'Organization', name: site.name, url: `${origin}/` },
    },
  };
}

/** The byline's person (with their page), or the publication itself for an article without one. */
function author(site: SiteView, article: Article, origin: string) {
  if (!article.byline) return { '@type': 'Organization', name: site.name, url: `${origin}/` };
  const path = listingPath('author', article.byline);
  return { '@type': 'Person', name: article.byline, ...(path ? { url: `${origin}${path}` } : {}) };
}
