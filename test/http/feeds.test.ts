// The feeds: the site's latest articles and comments, and each article's comments, as RSS 2.0,
// Atom 1.0 and JSON Feed 1.1 — checked by parsing them, with validators, 304s and invalidation.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Article } from '../../src/domain/article.ts';
import { commentId } from '../../src/domain/ids.ts';
import { buildTestApp, commentForm, type TestApp } from '../support/build-test-app.ts';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (_name, jpath) => ['rss.channel.item', 'rss.channel.item.category', 'feed.link', 'feed.entry', 'feed.entry.link', 'feed.entry.category'].includes(String(jpath)),
});

/** A well-formed XML document, parsed (attributes as `@name`, text beside attributes as `#text`). */
function parseXml(body: string): any {
  assert.equal(XMLValidator.validate(body), true, 'the feed is well-formed XML');
  return xml.parse(body);
}

const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const base = 'http://localhost:80';

/** Posts a comment as `author`/`email` and returns its id (held, as a first-time commenter's is). */
async function postComment(app: TestApp['app'], article: Pick<Article, 'id'>, fields: Record<string, string>): Promise<number> {
  const res = await app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, fields)).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const id = Number(/comment-(\d+)/.exec(String(res.headers.location))?.[1]);
  assert.ok(id > 0, `the comment "${fields.comment}" was accepted`);
  return id;
}

async function approvedComment(test: TestApp, article: Pick<Article, 'id'>, fields: Record<string, string>): Promise<number> {
  const id = await postComment(test.app, article, fields);
  await test.dateline.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'test' });
  test.clock.advance(30); // past flood control
  return id;
}

/** The entries' titles of a feed in any format. */
function titles(format: 'rss' | 'atom' | 'json', body: string): string[] {
  if (format === 'json') return (JSON.parse(body) as { items: { title: string }[] }).items.map((item) => item.title);
  const doc = parseXml(body);
  return format === 'rss' ? (doc.rss.channel.item ?? []).map((item: any) => item.title) : (doc.feed.entry ?? []).map((entry: any) => entry.title);
}

const articleFeeds = [
  ['rss', '/feed/'],
  ['atom', '/feed/atom/'],
  ['json', '/feed.json'],
] as const;
const commentFeeds = [
  ['rss', '/comments/feed/'],
  ['atom', '/comments/feed/atom/'],
  ['json', '/comments/feed.json'],
] as const;
const articleCommentFeeds = [
  ['rss', 'feed/'],
  ['atom', 'feed/atom/'],
  ['json', 'feed.json'],
] as const;

describe('the site’s article feeds', () => {
  it('serves the latest articles as RSS 2.0 with a self link, permalink guids, RFC 822 dates and the full text', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { article, path } = await publishSeedArticle();
    const res = await app.inject('/feed/');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    const { rss } = parseXml(res.body);
    assert.equal(rss['@version'], '2.0');
    const channel = rss.channel;
    assert.equal(channel.title, 'Dateline Test');
    assert.equal(channel.link, `${base}/`);
    assert.ok(channel.description);
    assert.equal(channel['atom:link']['@rel'], 'self');
    assert.equal(channel['atom:link']['@href'], `${base}/feed/`);
    assert.match(channel.lastBuildDate, rfc822);
    assert.equal(channel.item.length, 1);
    const [item] = channel.item;
    assert.equal(item.title, article.title);
    assert.equal(item.link, `${base}${path}`);
    assert.equal(item.guid['#text'], `${base}${path}`);
    assert.equal(item.guid['@isPermaLink'], 'true');
    assert.match(item.pubDate, rfc822);
    assert.equal(Date.parse(item.pubDate), article.publishedAt.getTime());
    assert.deepEqual(item.category, ['World']);
    assert.equal(item['content:encoded'], article.bodyHtml.trim()); // the parser trims text
  });

  it('serves the same articles as Atom 1.0 with ids, dates, links, an author and HTML content', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { article, path } = await publishSeedArticle();
    const res = await app.inject('/feed/atom/');
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const { feed } = parseXml(res.body);
    assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed.id, `${base}/feed/atom/`);
    assert.equal(feed.title, 'Dateline Test');
    assert.match(feed.updated, iso);
    assert.deepEqual(
      feed.link.map((link: any) => [link['@rel'], link['@href']]),
      [
        ['alternate', `${base}/`],
        ['self', `${base}/feed/atom/`],
      ],
    );
    const [entry] = feed.entry;
    assert.equal(entry.id, `${base}${path}`);
    assert.equal(entry.title, article.title);
    assert.equal(Date.parse(entry.published), article.publishedAt.getTime());
    assert.match(entry.updated, iso);
    assert.ok(Date.parse(entry.updated) >= Date.parse(entry.published));
    assert.equal(entry.link[0]['@href'], `${base}${path}`);
    assert.ok(entry.author?.name ?? feed.author?.name, 'an author for the entry (RFC 4287 §4.1.1)');
    assert.equal(entry.content['@type'], 'html');
    assert.equal(entry.content['#text'], article.bodyHtml.trim());
  });

  it('serves the same articles as JSON Feed 1.1', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { article, path } = await publishSeedArticle();
    const res = await app.inject('/feed.json');
    assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
    const feed = JSON.parse(res.body);
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.title, 'Dateline Test');
    assert.equal(feed.home_page_url, `${base}/`);
    assert.equal(feed.feed_url, `${base}/feed.json`);
    assert.equal(feed.items.length, 1);
    const [item] = feed.items;
    assert.equal(item.id, `${base}${path}`);
    assert.equal(item.url, `${base}${path}`);
    assert.equal(item.title, article.title);
    assert.equal(item.content_html, article.bodyHtml);
    assert.equal(item.date_published, article.publishedAt.toISOString());
    assert.match(item.date_modified, iso);
    assert.deepEqual(item.tags, ['World']);
  });

  it('leaves out drafts and scheduled articles until their time comes, and adds a newly published one at once', async (t) => {
    const { app, publishSeedArticle, clock } = await buildTestApp(t);
    await publishSeedArticle();
    await publishSeedArticle(undefined, { slug: 'still-a-draft', title: 'Still a draft', status: 'draft' });
    await publishSeedArticle(undefined, { slug: 'at-one', title: 'Out at one', publishedAt: new Date('2026-11-29T13:00:00Z') });
    for (const [format, url] of articleFeeds) {
      const shown = titles(format, (await app.inject(url)).body);
      assert.equal(shown.length, 1, url);
      assert.ok(!shown.includes('Still a draft') && !shown.includes('Out at one'), url);
    }
    await publishSeedArticle(undefined, { slug: 'just-now', title: 'Published just now', publishedAt: new Date('2026-11-29T11:59:00Z') });
    for (const [format, url] of articleFeeds) assert.equal(titles(format, (await app.inject(url)).body)[0], 'Published just now', url);
    clock.set('2026-11-29T13:00:00Z');
    for (const [format, url] of articleFeeds) assert.equal(titles(format, (await app.inject(url)).body)[0], 'Out at one', url);
  });

  it('uses DATELINE_PUBLIC_URL for every absolute address when it is set', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t, { config: { publicUrl: 'https://news.example.com' } });
    const { path } = await publishSeedArticle();
    const feed = JSON.parse((await app.inject({ url: '/feed.json', headers: { host: 'evil.example' } })).body);
    assert.equal(feed.feed_url, 'https://news.example.com/feed.json');
    assert.equal(feed.items[0].url, `https://news.example.com${path}`);
  });

  it('escapes markup and drops characters XML forbids, so every feed still parses', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const title = 'Tom & Jerry <script>alert(1)</script> ]]> \u0001\u0008 "quoted"';
    await publishSeedArticle(undefined, { title, section: 'A & B' });
    for (const [format, url] of articleFeeds) {
      const [shown] = titles(format, (await app.inject(url)).body);
      assert.ok(shown?.startsWith('Tom & Jerry <script>alert(1)</script> ]]>'), `${url}: ${shown}`);
      if (format !== 'json') assert.ok(!shown?.includes('\u0001'), url);
    }
  });
});

describe('the comment feeds', () => {
  it('shows the latest approved comments site-wide, newest first, with the article’s title and the comment’s address', async (t) => {
    const test = await buildTestApp(t);
    const { article, path } = await test.publishSeedArticle();
    const other = await test.publishSeedArticle(undefined, { slug: 'another-story', title: 'Another story' });
    const first = await approvedComment(test, article, { author: 'Ada Reader', email: 'ada@example.com', comment: 'First thoughts' });
    const second = await approvedComment(test, other.article, { author: 'Bob Reader', email: 'bob@example.com', comment: 'Second thoughts' });

    const { rss } = parseXml((await test.app.inject('/comments/feed/')).body);
    assert.equal(rss.channel['atom:link']['@href'], `${base}/comments/feed/`);
    assert.deepEqual(
      rss.channel.item.map((item: any) => [item.title, item.guid['#text'], item['dc:creator']]),
      [
        ['Bob Reader on “Another story”', `${base}${other.path}#comment-${second}`, 'Bob Reader'],
        [`Ada Reader on “${article.title}”`, `${base}${path}#comment-${first}`, 'Ada Reader'],
      ],
    );
    const { feed } = parseXml((await test.app.inject('/comments/feed/atom/')).body);
    assert.equal(feed.entry[0].id, `${base}${other.path}#comment-${second}`);
    assert.equal(feed.entry[0].author.name, 'Bob Reader');
    assert.match(feed.entry[0].content['#text'], /Second thoughts/);
    const json = JSON.parse((await test.app.inject('/comments/feed.json')).body);
    assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(json.feed_url, `${base}/comments/feed.json`);
    assert.deepEqual(json.items[1].authors, [{ name: 'Ada Reader' }]);
    assert.match(json.items[1].content_html, /First thoughts/);
  });

  it('shows a newly approved comment right away, in the site’s and the article’s comment feeds', async (t) => {
    const test = await buildTestApp(t);
    const { article, path } = await test.publishSeedArticle();
    const urls = [...commentFeeds, ...articleCommentFeeds.map(([format, suffix]) => [format, `${path}${suffix}`] as const)];
    const before = new Map<string, string>();
    for (const [, url] of urls) before.set(url, String((await test.app.inject(url)).headers.etag));
    const id = await postComment(test.app, article, { comment: 'Worth waiting for' });
    for (const [format, url] of urls) assert.deepEqual(titles(format, (await test.app.inject(url)).body), [], `${url} shows no held comment`);
    await test.dateline.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'test' });
    for (const [format, url] of urls) {
      const res = await test.app.inject(url);
      assert.deepEqual(titles(format, res.body), [`Ada Reader on “${article.title}”`], url);
      assert.notEqual(res.headers.etag, before.get(url), `${url} has a new ETag`);
    }
  });

  it('never shows a held or spam comment, nor any commenter’s email', async (t) => {
    const test = await buildTestApp(t);
    const { article, path } = await test.publishSeedArticle();
    await approvedComment(test, article, { author: 'Ada Reader', email: 'Ada.Secret@Example.org', comment: 'Public words' });
    await postComment(test.app, article, { author: 'Held Reader', email: 'held.secret@example.org', comment: 'Held words' });
    test.clock.advance(30);
    const spam = await postComment(test.app, article, { author: 'Spam Reader', email: 'spam.secret@example.org', comment: 'Spam words' });
    await test.dateline.services.moderateComment({ commentId: commentId(spam), action: 'spam', actor: 'test' });
    const urls = [...commentFeeds.map(([, url]) => url), ...articleCommentFeeds.map(([, suffix]) => `${path}${suffix}`)];
    for (const url of urls) {
      const body = (await test.app.inject(url)).body.toLowerCase();
      assert.match(body, /public words/, url);
      for (const secret of ['held words', 'spam words', 'ada.secret', 'held.secret', 'spam.secret', '@example.org']) assert.ok(!body.includes(secret), `${url} shows "${secret}"`);
    }
  });

  it('gives each public article its own comment feed, and answers 404 for a draft, a scheduled or an unknown article and a wrong date', async (t) => {
    const test = await buildTestApp(t);
    const { article, path } = await test.publishSeedArticle();
    const other = await test.publishSeedArticle(undefined, { slug: 'another-story', title: 'Another story' });
    await approvedComment(test, article, { comment: 'On the first' });
    await approvedComment(test, other.article, { author: 'Bob Reader', email: 'bob@example.com', comment: 'On the second' });
    const feed = JSON.parse((await test.app.inject(`${other.path}feed.json`)).body);
    assert.equal(feed.title, 'Comments on “Another story”');
    assert.equal(feed.home_page_url, `${base}${other.path}`);
    assert.equal(feed.feed_url, `${base}${other.path}feed.json`);
    assert.deepEqual(
      feed.items.map((item: any) => item.title),
      ['Bob Reader on “Another story”'],
    );
    await test.publishSeedArticle(undefined, { slug: 'a-draft', status: 'draft' });
    await test.publishSeedArticle(undefined, { slug: 'later', publishedAt: new Date('2030-01-01T00:00:00Z') });
    for (const url of ['/2026/11/25/a-draft/feed/', '/2030/01/01/later/feed/atom/', '/2026/11/25/no-such-story/feed.json', `/2020/01/01/${article.slug}/feed/`]) {
      assert.equal((await test.app.inject(url)).statusCode, 404, url);
    }
    assert.equal((await test.app.inject(`${path}feed/`)).statusCode, 200);
  });

  it('drops an article’s comments from the feeds when the article is taken back to draft', async (t) => {
    const test = await buildTestApp(t);
    const { article } = await test.publishSeedArticle();
    await approvedComment(test, article, { comment: 'Soon hidden' });
    assert.equal(titles('rss', (await test.app.inject('/comments/feed/')).body).length, 1);
    await test.publishSeedArticle(undefined, { status: 'draft' });
    assert.deepEqual(titles('rss', (await test.app.inject('/comments/feed/')).body), []);
  });
});

describe('feed caching', () => {
  it('answers 304 to a matching If-None-Match or a later If-Modified-Since, and 200 once the feed changed', async (t) => {
    const test = await buildTestApp(t);
    const { article, path } = await test.publishSeedArticle();
    const urls: string[] = [...[...articleFeeds, ...commentFeeds].map(([, url]) => url), ...articleCommentFeeds.map(([, suffix]) => `${path}${suffix}`)];
    for (const url of urls) {
      const first = await test.app.inject(url);
      assert.ok(first.headers.etag, `${url} has an ETag`);
      assert.ok(first.headers['last-modified'], `${url} has a Last-Modified`);
      const byTag = await test.app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
      assert.equal(byTag.statusCode, 304, `${url} If-None-Match`);
      assert.equal(byTag.body, '');
      const byDate = await test.app.inject({ url, headers: { 'if-modified-since': String(first.headers['last-modified']) } });
      assert.equal(byDate.statusCode, 304, `${url} If-Modified-Since`);
      const stale = await test.app.inject({ url, headers: { 'if-modified-since': new Date(Date.parse(String(first.headers['last-modified'])) - 1000).toUTCString() } });
      assert.equal(stale.statusCode, 200, `${url} older If-Modified-Since`);
    }
    const before = await test.app.inject('/comments/feed/');
    await approvedComment(test, article, { comment: 'A change' });
    const after = await test.app.inject({ url: '/comments/feed/', headers: { 'if-none-match': String(before.headers.etag), 'if-modified-since': String(before.headers['last-modified']) } });
    assert.equal(after.statusCode, 200);
    assert.ok(Date.parse(String(after.headers['last-modified'])) > Date.parse(String(before.headers['last-modified'])));
  });

  it('keeps the article feeds cached when only a comment changes', async (t) => {
    const test = await buildTestApp(t);
    const { article } = await test.publishSeedArticle();
    const first = await test.app.inject('/feed/');
    await approvedComment(test, article, { comment: 'Not news' });
    const again = await test.app.inject({ url: '/feed/', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });
});

describe('feed links in pages', () => {
  it('links the site’s feed from every page, and an article’s comment feed from its page', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    const links = (html: string) => [...html.matchAll(/<link rel="alternate" type="application\/rss\+xml"[^>]* href="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(links((await app.inject('/')).body).includes('/feed/'));
    const onArticle = links((await app.inject(path)).body);
    assert.ok(onArticle.includes('/feed/'));
    assert.ok(onArticle.includes(`${path}feed/`));
  });
});
