// What pages tell search engines and link previews: title, description, canonical URL, Open
// Graph and Twitter tags, and the NewsArticle JSON-LD of an article, safely embedded.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../support/build-test-app.ts';
import { approvedComments, publish, writer } from '../support/articles.ts';

const publicUrl = 'https://news.example.com';

function meta(html: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html);
  return m?.[1]?.replace(/&amp;/g, '&');
}

const canonical = (html: string) => /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];

function jsonLd(html: string): Record<string, any> {
  const text = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert.ok(text, 'the page has JSON-LD');
  return JSON.parse(text) as Record<string, any>;
}

describe('article metadata', () => {
  it('embeds a NewsArticle that parses as JSON, with the article’s facts and its approved comment count', async (t) => {
    const ctx = await buildTestApp(t, { config: { publicUrl } });
    const jane = await writer(ctx, 'Jane Doe');
    const article = await publish(ctx, { title: 'Storm hits the coast', summary: 'Winds of 150 km/h.', tags: 'Weather, Coast', authorStaffId: jane.id, publishedAt: '2026-11-28T07:30:00Z' });
    await approvedComments(ctx, article.id, 2);
    await ctx.dateline.services.submitComment({ articleId: article.id, parentId: null, authorName: 'Held Reader', authorEmail: 'held@example.com', authorUrl: '', bodyText: 'Held for review.', ip: '203.0.113.7', userAgent: 'test' });
    const html = (await ctx.app.inject('/2026/11/28/storm-hits-the-coast/')).body;
    const data = jsonLd(html);
    const url = `${publicUrl}/2026/11/28/storm-hits-the-coast/`;
    assert.equal(data['@context'], 'https://schema.org');
    assert.equal(data['@type'], 'NewsArticle');
    assert.equal(data.headline, 'Storm hits the coast');
    assert.equal(data.description, 'Winds of 150 km/h.');
    assert.equal(data.datePublished, '2026-11-28T07:30:00.000Z');
    assert.equal(data.dateModified, '2026-11-29T12:00:00.000Z');
    assert.deepEqual(data.author, { '@type': 'Person', name: 'Jane Doe', url: `${publicUrl}/author/jane-doe/` });
    assert.equal(data.articleSection, 'World');
    assert.equal(data.keywords, 'Weather, Coast');
    assert.equal(data.commentCount, 2, 'the held comment is not counted');
    assert.equal(data.url, url);
    assert.equal(data.publisher.name, 'Dateline Test');
  });

  it('escapes the JSON-LD so no headline can end the script element, and still parses to the headline', async (t) => {
    const ctx = await buildTestApp(t);
    const title = '</script><script>alert(1)</script><!-- & \u2028 end';
    await publish(ctx, { title, slug: 'hostile-headline' });
    const html = (await ctx.app.inject('/2026/11/20/hostile-headline/')).body;
    assert.doesNotMatch(html, /<script>alert\(1\)/);
    const embedded = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    assert.doesNotMatch(embedded, /[<>&\u2028]/);
    assert.equal(jsonLd(html).headline, title);
  });

  it('gives absolute canonical, Open Graph and Twitter card URLs from the configured public URL', async (t) => {
    const ctx = await buildTestApp(t, { config: { publicUrl } });
    await publish(ctx, { title: 'Absolute addresses', summary: 'Every URL is absolute.', tags: 'Maps' });
    const html = (await ctx.app.inject('/2026/11/20/absolute-addresses/')).body;
    const url = `${publicUrl}/2026/11/20/absolute-addresses/`;
    assert.equal(canonical(html), url);
    assert.equal(meta(html, 'og:url'), url);
    assert.equal(meta(html, 'og:type'), 'article');
    assert.equal(meta(html, 'og:title'), 'Absolute addresses');
    assert.equal(meta(html, 'og:description'), 'Every URL is absolute.');
    assert.equal(meta(html, 'og:site_name'), 'Dateline Test');
    assert.equal(meta(html, 'article:published_time'), '2026-11-20T09:00:00.000Z');
    assert.equal(meta(html, 'article:tag'), 'Maps');
    assert.equal(meta(html, 'twitter:card'), 'summary');
    assert.equal(meta(html, 'twitter:title'), 'Absolute addresses');
    assert.match(html, /<title>Absolute addresses — Dateline Test<\/title>/);
  });

  it('describes an article without a summary by its first paragraph', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'No summary', body: 'The *opening* paragraph says it all.\n\nMore below.' });
    const html = (await ctx.app.inject('/2026/11/20/no-summary/')).body;
    assert.equal(meta(html, 'description'), 'The opening paragraph says it all.');
    assert.equal(meta(html, 'og:description'), 'The opening paragraph says it all.');
  });

  it('takes absolute URLs from the request’s host when no public URL is set, and keeps each host’s page apart', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Two hosts' });
    for (const url of ['/', '/2026/11/20/two-hosts/', '/section/world/']) {
      const a = (await ctx.app.inject({ url, headers: { host: 'a.example' } })).body;
      const b = (await ctx.app.inject({ url, headers: { host: 'b.example' } })).body;
      assert.equal(canonical(a), `http://a.example${url}`, url);
      assert.equal(canonical(b), `http://b.example${url}`, `${url}: a forged host never reaches another reader’s cached page`);
    }
  });
});

describe('list page metadata', () => {
  it('gives the front, section, tag and author pages a title, description, canonical URL and Open Graph tags', async (t) => {
    const ctx = await buildTestApp(t, { config: { publicUrl } });
    const sam = await writer(ctx, 'Sam Writer');
    await publish(ctx, { title: 'Listed', section: 'Science', tags: 'Space', authorStaffId: sam.id });
    const pages = [
      { url: '/', title: 'Dateline Test', description: 'News and the conversation around it' },
      { url: '/section/science/', title: 'Science — Dateline Test', description: 'The latest articles in Science from Dateline Test.' },
      { url: '/tag/space/', title: 'Tagged “Space” — Dateline Test', description: 'Articles from Dateline Test tagged “Space”.' },
      { url: '/author/sam-writer/', title: 'Articles by Sam Writer — Dateline Test', description: 'The latest articles by Sam Writer for Dateline Test.' },
    ];
    for (const page of pages) {
      const html = (await ctx.app.inject(page.url)).body;
      assert.match(html, new RegExp(`<title>${page.title}</title>`), page.url);
      assert.equal(meta(html, 'description'), page.description, page.url);
      assert.equal(canonical(html), `${publicUrl}${page.url}`, page.url);
      assert.equal(meta(html, 'og:url'), `${publicUrl}${page.url}`, page.url);
      assert.equal(meta(html, 'og:type'), 'website', page.url);
    }
    assert.deepEqual(jsonLd((await ctx.app.inject('/')).body), { '@context': 'https://schema.org', '@type': 'WebSite', name: 'Dateline Test', url: `${publicUrl}/` });
  });

  it('gives later pages of a list their own canonical URL', async (t) => {
    const ctx = await buildTestApp(t, { config: { publicUrl } });
    for (let i = 1; i <= 21; i++) await publish(ctx, { title: `Story ${i}`, publishedAt: new Date(Date.UTC(2026, 10, i, 9)).toISOString() });
    const html = (await ctx.app.inject('/section/world/?page=2')).body;
    assert.equal(canonical(html), `${publicUrl}/section/world/?page=2`);
    assert.match(html, /<title>World \(page 2\) — Dateline Test<\/title>/);
  });
});
