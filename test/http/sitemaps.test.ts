// What crawlers read: /sitemap.xml (and its index past 50,000 articles), the Google News
// sitemap of the last 48 hours, and /robots.txt — checked by parsing, on a fixed clock.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PageCache } from '../../src/http/page-cache.ts';
import { createSitemapRoutes } from '../../src/http/pages/sitemap-routes.ts';
import { en } from '../../src/views/messages.ts';
import { buildTestApp } from '../support/build-test-app.ts';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (_name, jpath) => ['urlset.url', 'sitemapindex.sitemap'].includes(String(jpath)),
});

function parseXml(body: string): any {
  assert.equal(XMLValidator.validate(body), true, 'the sitemap is well-formed XML');
  return xml.parse(body);
}

const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const base = 'https://news.example.com';
const hours = (n: number) => n * 3_600_000;

describe('the sitemap', () => {
  it('lists every public article with its last modification, and no draft or scheduled one', async (t) => {
    const { app, publishSeedArticle, clock } = await buildTestApp(t, { config: { publicUrl: base } });
    const seed = await publishSeedArticle();
    clock.advance(60);
    const other = await publishSeedArticle(undefined, { slug: 'second-story', title: 'Second story', publishedAt: new Date('2026-11-28T08:00:00Z') });
    await publishSeedArticle(undefined, { slug: 'a-draft', status: 'draft' });
    await publishSeedArticle(undefined, { slug: 'later', publishedAt: new Date('2030-01-01T00:00:00Z') });
    const res = await app.inject('/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    const { urlset } = parseXml(res.body);
    assert.equal(urlset['@xmlns'], sitemapNs);
    assert.deepEqual(
      urlset.url.map((url: any) => [url.loc, url.lastmod]),
      [
        [`${base}${seed.path}`, seed.article.updatedAt.toISOString()],
        [`${base}${other.path}`, other.article.updatedAt.toISOString()],
      ],
    );
  });

  it('adds a newly published article at once, and a scheduled one when its time comes', async (t) => {
    const { app, publishSeedArticle, clock } = await buildTestApp(t, { config: { publicUrl: base } });
    await publishSeedArticle();
    const locs = async () => parseXml((await app.inject('/sitemap.xml')).body).urlset.url.map((url: any) => url.loc);
    assert.equal((await locs()).length, 1);
    const fresh = await publishSeedArticle(undefined, { slug: 'fresh', publishedAt: new Date('2026-11-29T11:00:00Z') });
    await publishSeedArticle(undefined, { slug: 'at-one', publishedAt: new Date('2026-11-29T13:00:00Z') });
    assert.deepEqual((await locs()).slice(1), [`${base}${fresh.path}`]);
    clock.set('2026-11-29T13:00:00Z');
    assert.deepEqual((await locs()).at(-1), `${base}/2026/11/29/at-one/`);
  });

  it('answers 304 to a matching If-None-Match or If-Modified-Since', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    await publishSeedArticle();
    for (const url of ['/sitemap.xml', '/sitemap-news.xml']) {
      const first = await app.inject(url);
      assert.equal((await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 304, url);
      assert.equal((await app.inject({ url, headers: { 'if-modified-since': String(first.headers['last-modified']) } })).statusCode, 304, url);
    }
  });

  it('becomes an index of numbered sitemaps when the site has more articles than one sitemap may hold', async (t) => {
    const { dateline, publishSeedArticle, clock } = await buildTestApp(t);
    const paths: string[] = [];
    for (let day = 1; day <= 5; day++) paths.push((await publishSeedArticle(undefined, { slug: `story-${day}`, publishedAt: new Date(`2026-11-0${day}T09:00:00Z`) })).path);
    // The same routes with room for 2 URLs per file instead of 50,000.
    const app = Fastify();
    const routes = createSitemapRoutes(
      { site: { name: 'Dateline Test', locale: 'en-US', timeZone: 'UTC', messages: en, assets: { css: '/a.css', js: '/a.js' } }, articles: dateline.stores.articles, cache: new PageCache(), clock, publicUrl: base, changedElsewhere: () => false },
      2,
    );
    app.get('/sitemap.xml', routes.sitemap);
    app.get('/sitemap-:file(^\\d{1,6}).xml', routes.sitemapFile);
    t.after(() => app.close());

    const { sitemapindex } = parseXml((await app.inject('/sitemap.xml')).body);
    assert.equal(sitemapindex['@xmlns'], sitemapNs);
    const files = sitemapindex.sitemap.map((sitemap: any) => sitemap.loc);
    assert.deepEqual(files, [`${base}/sitemap-1.xml`, `${base}/sitemap-2.xml`, `${base}/sitemap-3.xml`]);
    const listed: string[] = [];
    for (const file of files) {
      const res = await app.inject(new URL(file).pathname);
      assert.equal(res.statusCode, 200, file);
      listed.push(...parseXml(res.body).urlset.url.map((url: any) => url.loc));
    }
    assert.deepEqual(listed, paths.map((path) => `${base}${path}`), 'every article once, oldest first');
    assert.equal((await app.inject('/sitemap-4.xml')).statusCode, 404);
    assert.equal((await app.inject('/sitemap-0.xml')).statusCode, 404);
  });

  it('has no numbered sitemaps while the site fits in one', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    await publishSeedArticle();
    assert.equal((await app.inject('/sitemap-1.xml')).statusCode, 404);
  });
});

describe('the news sitemap', () => {
  it('lists only the articles of the last 48 hours, with the publication’s name and language, the date and the title', async (t) => {
    const { app, publishSeedArticle, clock } = await buildTestApp(t, { config: { publicUrl: base } });
    const now = clock.now().getTime();
    const publish = (slug: string, title: string, ago: number) => publishSeedArticle(undefined, { slug, title, publishedAt: new Date(now - ago) });
    const recent = await publish('an-hour-ago', 'An hour ago', hours(1));
    const older = await publish('two-days-less-an-hour', 'Nearly two days ago', hours(47));
    await publish('over-two-days', 'Over two days ago', hours(49));
    await publishSeedArticle(undefined, { slug: 'a-draft', title: 'A draft', status: 'draft', publishedAt: new Date(now - hours(2)) });
    await publishSeedArticle(undefined, { slug: 'in-an-hour', title: 'In an hour', publishedAt: new Date(now + hours(1)) });

    const news = async () => {
      const res = await app.inject('/sitemap-news.xml');
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
      const { urlset } = parseXml(res.body);
      assert.equal(urlset['@xmlns'], sitemapNs);
      assert.equal(urlset['@xmlns:news'], 'http://www.google.com/schemas/sitemap-news/0.9');
      return (urlset.url ?? []) as any[];
    };
    const urls = await news();
    assert.deepEqual(
      urls.map((url) => url.loc),
      [`${base}${recent.path}`, `${base}${older.path}`],
    );
    const entry = urls[0]['news:news'];
    assert.deepEqual(entry['news:publication'], { 'news:name': 'Dateline Test', 'news:language': 'en' });
    assert.equal(entry['news:publication_date'], recent.article.publishedAt.toISOString());
    assert.equal(entry['news:title'], 'An hour ago');

    clock.advance(2 * 3600); // the 47-hour-old article ages out; the scheduled one comes out
    assert.deepEqual(
      (await news()).map((url) => url['news:news']['news:title']),
      ['In an hour', 'An hour ago'],
    );
  });
});

describe('robots.txt', () => {
  it('allows crawling, keeps crawlers out of the admin area and the API, and names both sitemaps by absolute URL', async (t) => {
    const { app } = await buildTestApp(t, { config: { publicUrl: base } });
    const res = await app.inject('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    const lines = res.body.split('\n').map((line) => line.trim());
    const rules = lines.filter((line) => /^(user-agent|allow|disallow):/i.test(line));
    assert.equal(rules[0], 'User-agent: *');
    assert.ok(rules.includes('Disallow: /admin/'));
    assert.ok(rules.includes('Disallow: /api/'));
    assert.ok(!rules.includes('Disallow: /'), 'the site itself is open');
    assert.deepEqual(
      lines.filter((line) => line.startsWith('Sitemap:')),
      [`Sitemap: ${base}/sitemap.xml`, `Sitemap: ${base}/sitemap-news.xml`],
    );
  });

  it('names the sitemaps on the request’s own host when no public URL is configured', async (t) => {
    const { app } = await buildTestApp(t);
    const res = await app.inject({ url: '/robots.txt', headers: { host: 'dateline.test:8080' } });
    assert.ok(res.body.includes('Sitemap: http://dateline.test:8080/sitemap.xml'));
  });
});
