// What crawlers read: sitemaps (sitemaps.org 0.9), the sitemap index that splits a large site,
// the Google News sitemap, and robots.txt. Pure functions of absolute URLs and dates.

import { xmlDeclaration, xmlElement } from './xml.ts';

export const sitemapContentType = 'application/xml; charset=utf-8';

/** The protocol's limit per sitemap file; past it, /sitemap.xml becomes an index of numbered files. */
export const urlsPerSitemap = 50_000;

/** Google News reads at most this many articles per news sitemap. */
export const articlesPerNewsSitemap = 1_000;

const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9';

export interface SitemapUrl {
  readonly loc: string;
  readonly lastModified: Date;
}

export interface NewsArticle {
  readonly loc: string;
  readonly title: string;
  readonly published: Date;
}

export function renderSitemap(urls: readonly SitemapUrl[]): string {
  const entries = urls.map((url) => `<url>${xmlElement('loc', url.loc)}${xmlElement('lastmod', url.lastModified.toISOString())}</url>`);
  return [xmlDeclaration, `<urlset xmlns="${sitemapNs}">`, ...entries, '</urlset>'].join('\n');
}

/** The files of a site too large for one sitemap (their lastmod is optional, and left out). */
export function renderSitemapIndex(sitemaps: readonly { readonly loc: string }[]): string {
  const entries = sitemaps.map((sitemap) => `<sitemap>${xmlElement('loc', sitemap.loc)}</sitemap>`);
  return [xmlDeclaration, `<sitemapindex xmlns="${sitemapNs}">`, ...entries, '</sitemapindex>'].join('\n');
}

/** `publication`: the site's name and its language as an ISO 639 code. */
export function renderNewsSitemap(publication: { name: string; language: string }, articles: readonly NewsArticle[]): string {
  const entries = articles.map((article) =>
    [
      '<url>',
      xmlElement('loc', article.loc),
      '<news:news><news:publication>',
      xmlElement('news:name', publication.name),
      xmlElement('news:language', publication.language),
      '</news:publication>',
      xmlElement('news:publication_date', article.published.toISOString()),
      xmlElement('news:title', article.title),
      '</news:news></url>',
    ].join(''),
  );
  return [xmlDeclaration, `<urlset xmlns="${sitemapNs}" xmlns:news="${newsNs}">`, ...entries, '</urlset>'].join('\n');
}

/** Crawl everything public; keep out of the admin area, the JSON API and search results. */
export function renderRobotsTxt(sitemapUrls: readonly string[]): string {
  return ['User-agent: *', 'Disallow: /admin/', 'Disallow: /api/', 'Disallow: /search', 'Allow: /', '', ...sitemapUrls.map((url) => `Sitemap: ${url}`), ''].join('\n');
}

/** Google News wants ISO 639 codes: the language of a locale, except Chinese keeps its script (zh-cn, zh-tw). */
export function newsLanguage(locale: string): string {
  const lower = locale.toLowerCase();
  return lower.startsWith('zh-') ? lower : (lower.split('-')[0] ?? lower);
}
