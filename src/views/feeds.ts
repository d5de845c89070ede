// Feeds of articles or comments as RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.1: pure
// functions from a channel and its entries to the body and content type. Callers (the site,
// section, tag, author and comment feeds in http/) give absolute URLs and public data only.

import { escapeXml, xmlDeclaration, xmlElement, xmlEmptyElement } from './xml.ts';

export interface FeedChannel {
  readonly title: string;
  readonly description: string;
  /** Absolute URL of the page the feed follows. */
  readonly homeUrl: string;
  /** Absolute URLs of the feed in each format. */
  readonly feedUrls: { readonly rss: string; readonly atom: string; readonly json: string };
  readonly language: string;
  readonly updated: Date;
}

export interface FeedEntry {
  /** A stable absolute URL: the permalink, or permalink#comment-N. */
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly contentHtml: string;
  /** Plain text, not HTML. */
  readonly summary?: string;
  readonly published: Date;
  readonly updated: Date;
  readonly authorName?: string;
  readonly categories?: readonly string[];
}

export type FeedFormat = 'rss' | 'atom' | 'json';

export const feedContentTypes: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export function renderFeed(
  format: FeedFormat,
  channel: FeedChannel,
  entries: readonly FeedEntry[],
): { body: string; contentType: string } {
  const body =
    format === 'rss' ? renderRss(channel, entries) : format === 'atom' ? renderAtom(channel, entries) : renderJsonFeed(channel, entries);
  return { body, contentType: feedContentTypes[format] };
}

// RSS 2.0 (https://www.rssboard.org/rss-specification). <author> must be an email address, which
// we never publish, so the author's name goes in Dublin Core's dc:creator.
function renderRss(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  return [
    xmlDeclaration,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    xmlElement('title', channel.title),
    xmlElement('link', channel.homeUrl),
    xmlElement('description', channel.description),
    xmlElement('language', channel.language),
    xmlElement('lastBuildDate', rfc822(channel.updated)),
    xmlEmptyElement('atom:link', { href: channel.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }),
    ...entries.map(rssItem),
    '</channel>',
    '</rss>',
  ].join('\n');
}

function rssItem(entry: FeedEntry): string {
  return [
    '<item>',
    xmlElement('title', entry.title),
    xmlElement('link', entry.url),
    xmlElement('guid', entry.id, { isPermaLink: 'true' }),
    xmlElement('pubDate', rfc822(entry.published)),
    entry.authorName === undefined ? '' : xmlElement('dc:creator', entry.authorName),
    ...(entry.categories ?? []).map((category) => xmlElement('category', category)),
    xmlElement('description', entry.summary === undefined ? entry.contentHtml : plainTextAsHtml(entry.summary)),
    xmlElement('content:encoded', entry.contentHtml),
    '</item>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

// Atom (RFC 4287). A feed needs an author unless every entry has one (§4.1.1), so entries
// without an author name fall back to the channel's title.
function renderAtom(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const everyEntryHasAuthor = entries.every((entry) => entry.authorName !== undefined);
  return [
    xmlDeclaration,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(channel.language)}">`,
    xmlElement('id', channel.feedUrls.atom),
    xmlElement('title', channel.title),
    xmlElement('subtitle', channel.description),
    xmlElement('updated', channel.updated.toISOString()),
    xmlEmptyElement('link', { rel: 'alternate', type: 'text/html', href: channel.homeUrl }),
    xmlEmptyElement('link', { rel: 'self', type: 'application/atom+xml', href: channel.feedUrls.atom }),
    everyEntryHasAuthor ? '' : atomAuthor(channel.title),
    ...entries.map(atomEntry),
    '</feed>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function atomEntry(entry: FeedEntry): string {
  return [
    '<entry>',
    xmlElement('id', entry.id),
    xmlElement('title', entry.title),
    xmlElement('updated', entry.updated.toISOString()),
    xmlElement('published', entry.published.toISOString()),
    xmlEmptyElement('link', { rel: 'alternate', type: 'text/html', href: entry.url }),
    entry.authorName === undefined ? '' : atomAuthor(entry.authorName),
    ...(entry.categories ?? []).map((category) => xmlEmptyElement('category', { term: category })),
    entry.summary === undefined ? '' : xmlElement('summary', entry.summary, { type: 'text' }),
    xmlElement('content', entry.contentHtml, { type: 'html' }),
    '</entry>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function atomAuthor(name: string): string {
  return `<author>${xmlElement('name', name)}</author>`;
}

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
function renderJsonFeed(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrls.json,
    description: channel.description,
    language: channel.language,
    items: entries.map(jsonFeedItem),
  });
}

function jsonFeedItem(entry: FeedEntry): Record<string, unknown> {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    content_html: entry.contentHtml,
    ...(entry.summary === undefined ? {} : { summary: entry.summary }),
    date_published: entry.published.toISOString(),
    date_modified: entry.updated.toISOString(),
    ...(entry.authorName === undefined ? {} : { authors: [{ name: entry.authorName }] }),
    ...(entry.categories === undefined || entry.categories.length === 0 ? {} : { tags: entry.categories }),
  };
}

/** RSS descriptions are read as HTML, so plain text has its markup characters escaped first. */
function plainTextAsHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** RFC 822 date-time as RSS wants it: `Tue, 02 Jan 2024 15:04:05 GMT`. */
function rfc822(date: Date): string {
  return date.toUTCString();
}
