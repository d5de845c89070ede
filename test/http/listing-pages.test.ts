// The public lists of articles: the front page with "most discussed", section, tag and author
// pages with their feeds; paging, 404s, what is public, and the cache dropping them at once.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';
import { approvedComments, publish, writer } from '../support/articles.ts';

/** The headlines of the teasers on a list page, in order. */
function headlines(html: string): string[] {
  return [...html.matchAll(/<li class="article-teaser">[\s\S]*?<h2><a href="[^"]*">([^<]*)<\/a><\/h2>/g)].map((m) => m[1]!);
}

function mostDiscussed(html: string): string[] {
  const aside = /<aside class="most-discussed"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
  return [...aside.matchAll(/<li><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

/** `count` articles in `section`, one a day up to the 20th of November. */
async function manyArticles(ctx: TestApp, count: number, section = 'World') {
  for (let i = 1; i <= count; i++) {
    await publish(ctx, { title: `Story ${i}`, section, publishedAt: new Date(Date.UTC(2026, 9, 31 + i - count + 20, 9)).toISOString() });
  }
}

describe('the front page', () => {
  it('shows each article’s headline, standfirst, linked section, date and comment count', async (t) => {
    const ctx = await buildTestApp(t);
    const withSummary = await publish(ctx, { title: 'Summarised', summary: 'An editor’s own standfirst.' });
    await publish(ctx, { title: 'Unsummarised', section: 'Science & Tech', body: 'A *first* paragraph with &amp; and [a link](https://example.com).\n\nThe second one.' });
    await approvedComments(ctx, withSummary.id, 2);
    const html = (await ctx.app.inject('/')).body;
    assert.match(html, /<p class="standfirst">An editor’s own standfirst.<\/p>/);
    assert.match(html, /<p class="standfirst">A first paragraph with &amp; and a link.<\/p>/, 'the first paragraph as plain text when there is no summary');
    assert.doesNotMatch(html, /The second one/);
    assert.match(html, /<p class="article-section"><a href="\/section\/world\/">World<\/a><\/p>/);
    assert.match(html, /<a href="\/section\/science-tech\/">Science &amp; Tech<\/a>/);
    assert.match(html, /<time datetime="2026-11-20T09:00:00.000Z">November 20, 2026<\/time>/);
    assert.match(html, /<a href="\/2026\/11\/20\/summarised\/#comments">2 comments<\/a>/);
  });

  it('shows twenty articles a page, links newer and older pages, and answers 404 past the end', async (t) => {
    const ctx = await buildTestApp(t);
    await manyArticles(ctx, 21);
    const first = await ctx.app.inject('/');
    assert.equal(headlines(first.body).length, 20);
    assert.equal(headlines(first.body)[0], 'Story 21', 'newest first');
    assert.match(first.body, /<a rel="next" href="\/\?page=2">/);
    assert.doesNotMatch(first.body, /rel="prev"/);
    const second = await ctx.app.inject('/?page=2');
    assert.equal(second.statusCode, 200);
    assert.deepEqual(headlines(second.body), ['Story 1']);
    assert.match(second.body, /<a rel="prev" href="\/">/);
    assert.match(second.body, /Page 2 of 2/);
    assert.equal((await ctx.app.inject('/?page=3')).statusCode, 404);
    assert.equal((await ctx.app.inject('/?page=0')).statusCode, 404);
    assert.equal((await ctx.app.inject('/?page=two')).statusCode, 404);
    const one = await ctx.app.inject('/?page=1');
    assert.equal(one.statusCode, 301);
    assert.equal(one.headers.location, '/');
  });

  it('says nothing is published yet on an empty site rather than answering 404', async (t) => {
    const ctx = await buildTestApp(t);
    const res = await ctx.app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Nothing has been published yet/);
  });

  it('lists the most discussed articles by approved comments of the last seven days, most first', async (t) => {
    const ctx = await buildTestApp(t);
    const oldFavourite = await publish(ctx, { title: 'Old favourite', publishedAt: '2026-11-01T09:00:00Z' });
    const busy = await publish(ctx, { title: 'Busy now', publishedAt: '2026-11-01T10:00:00Z' });
    const quiet = await publish(ctx, { title: 'Quiet now', publishedAt: '2026-11-01T11:00:00Z' });
    await publish(ctx, { title: 'Silent', publishedAt: '2026-11-01T12:00:00Z' });
    ctx.clock.set('2026-11-10T12:00:00Z');
    await approvedComments(ctx, oldFavourite.id, 5); // more than seven days before the page is read
    ctx.clock.set('2026-11-27T12:00:00Z');
    await approvedComments(ctx, busy.id, 3);
    await approvedComments(ctx, quiet.id, 1);
    await approvedComments(ctx, oldFavourite.id, 2);
    ctx.clock.set('2026-11-29T12:00:00Z');
    const html = (await ctx.app.inject('/')).body;
    assert.deepEqual(mostDiscussed(html), ['Busy now', 'Old favourite', 'Quiet now']);
    assert.match(html, /Busy now<\/a> <span class="count">3 comments<\/span>/);
    assert.match(html, /Old favourite<\/a> <span class="count">2 comments<\/span>/, 'counts only the last seven days');
  });
});

describe('section, tag and author pages', () => {
  it('show a section’s public articles only, under any spelling of its name', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Capital letters', section: 'World', publishedAt: '2026-11-20T09:00:00Z' });
    await publish(ctx, { title: 'Small letters', section: 'world', publishedAt: '2026-11-21T09:00:00Z' });
    await publish(ctx, { title: 'A draft', section: 'World', status: 'draft' });
    await publish(ctx, { title: 'Not yet', section: 'World', publishedAt: '2026-12-01T09:00:00Z' });
    await publish(ctx, { title: 'Elsewhere', section: 'Sport' });
    await publish(ctx, { title: 'Only a draft', section: 'Opinion', status: 'draft' });
    const res = await ctx.app.inject('/section/world/');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(headlines(res.body), ['Small letters', 'Capital letters']);
    assert.match(res.body, /<h1 class="page-title">world<\/h1>/, 'named by its most recent spelling');
    for (const url of ['/section/nowhere/', '/section/opinion/', '/section/Not%20a%20slug/']) assert.equal((await ctx.app.inject(url)).statusCode, 404, url);
    const noSlash = await ctx.app.inject('/section/world');
    assert.equal(noSlash.statusCode, 301);
    assert.equal(noSlash.headers.location, '/section/world/');
  });

  it('show a tag’s public articles only, linked from each article’s tags', async (t) => {
    const ctx = await buildTestApp(t);
    const tagged = await publish(ctx, { title: 'Tagged story', tags: 'North Korea, Russia' });
    await publish(ctx, { title: 'Tagged draft', tags: 'North Korea', status: 'draft' });
    await publish(ctx, { title: 'Untagged story' });
    await publish(ctx, { title: 'Hidden tag', tags: 'Secret', status: 'draft' });
    const res = await ctx.app.inject('/tag/north-korea/');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(headlines(res.body), ['Tagged story']);
    assert.match(res.body, /Tagged “North Korea”/);
    assert.equal((await ctx.app.inject('/tag/secret/')).statusCode, 404, 'a tag with no public article');
    assert.equal((await ctx.app.inject('/tag/unknown/')).statusCode, 404);
    const article = (await ctx.app.inject('/2026/11/20/tagged-story/')).body;
    assert.match(article, /<li><a href="\/tag\/north-korea\/">North Korea<\/a><\/li>/);
    assert.ok(tagged.tags?.includes('Russia'));
  });

  it('show an author’s public articles at a slug made from their name, linked from the byline', async (t) => {
    const ctx = await buildTestApp(t);
    const jane = await writer(ctx, 'Jane Núñez');
    const other = await writer(ctx, 'Sam Other');
    await writer(ctx, 'Never Published');
    await publish(ctx, { title: 'By Jane', authorStaffId: jane.id });
    await publish(ctx, { title: 'Draft by Jane', authorStaffId: jane.id, status: 'draft' });
    await publish(ctx, { title: 'By Sam', authorStaffId: other.id });
    const res = await ctx.app.inject('/author/jane-nunez/');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(headlines(res.body), ['By Jane']);
    assert.match(res.body, /Articles by Jane Núñez/);
    assert.match(res.body, /<span class="byline">By <a href="\/author\/jane-nunez\/">Jane Núñez<\/a><\/span>/, 'teasers carry the byline');
    assert.equal((await ctx.app.inject('/author/never-published/')).statusCode, 404);
    assert.equal((await ctx.app.inject('/author/nobody/')).statusCode, 404);
    const article = (await ctx.app.inject('/2026/11/20/by-jane/')).body;
    assert.match(article, /<a href="\/author\/jane-nunez\/">Jane Núñez<\/a>/);
  });

  it('page like the front page and answer 404 past their last page', async (t) => {
    const ctx = await buildTestApp(t);
    await manyArticles(ctx, 21, 'Business');
    const first = await ctx.app.inject('/section/business/');
    assert.equal(headlines(first.body).length, 20);
    assert.match(first.body, /<a rel="next" href="\/section\/business\/\?page=2">/);
    const second = await ctx.app.inject('/section/business/?page=2');
    assert.deepEqual(headlines(second.body), ['Story 1']);
    assert.match(second.body, /<a rel="prev" href="\/section\/business\/">/);
    assert.equal((await ctx.app.inject('/section/business/?page=3')).statusCode, 404);
    assert.equal((await ctx.app.inject('/section/business/?page=1')).headers.location, '/section/business/');
  });

  it('each have RSS, Atom and JSON feeds of their own articles, and 404 feeds when unknown', async (t) => {
    const ctx = await buildTestApp(t, { config: { publicUrl: 'https://news.example.com' } });
    const jane = await writer(ctx, 'Jane Doe');
    await publish(ctx, { title: 'In the feed', section: 'World', tags: 'Elections', authorStaffId: jane.id });
    await publish(ctx, { title: 'Not in it', section: 'Sport' });
    const xml = new XMLParser({ ignoreAttributes: false });
    for (const page of ['/section/world/', '/tag/elections/', '/author/jane-doe/']) {
      const rss = await ctx.app.inject(`${page}feed/`);
      assert.equal(rss.statusCode, 200, page);
      assert.match(rss.headers['content-type'] as string, /application\/rss\+xml/);
      const channel = xml.parse(rss.body).rss.channel;
      assert.equal(channel.link, `https://news.example.com${page}`);
      assert.equal(channel.item.title, 'In the feed', `${page}feed/ holds only its own article`);
      const atom = xml.parse((await ctx.app.inject(`${page}feed/atom/`)).body).feed;
      assert.equal(atom.entry.title, 'In the feed');
      const json = (await ctx.app.inject(`${page}feed.json`)).json();
      assert.deepEqual(json.items.map((i: { title: string }) => i.title), ['In the feed']);
      assert.match((await ctx.app.inject(page)).body, new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]*" href="https://news.example.com${page}feed/atom/"`));
    }
    assert.equal((await ctx.app.inject('/section/nowhere/feed/')).statusCode, 404);
    assert.equal((await ctx.app.inject('/tag/nothing/feed.json')).statusCode, 404);
  });
});

describe('the cache of list pages', () => {
  it('serves the same bytes again with an ETag and answers 304 when nothing changed', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Cached' });
    for (const url of ['/', '/section/world/']) {
      const first = await ctx.app.inject(url);
      const again = await ctx.app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } });
      assert.equal(again.statusCode, 304, url);
    }
  });

  it('shows a new article and an approved comment on the front page and its section page at once', async (t) => {
    const ctx = await buildTestApp(t);
    const first = await publish(ctx, { title: 'First story' });
    const before = { front: await ctx.app.inject('/'), section: await ctx.app.inject('/section/world/') };
    await publish(ctx, { title: 'Breaking story', publishedAt: '2026-11-29T11:00:00Z' });
    for (const url of ['/', '/section/world/']) assert.equal(headlines((await ctx.app.inject(url)).body)[0], 'Breaking story', url);
    await approvedComments(ctx, first.id, 1);
    for (const url of ['/', '/section/world/']) {
      const res = await ctx.app.inject(url);
      assert.match(res.body, /<a href="\/2026\/11\/20\/first-story\/#comments">1 comment<\/a>/, url);
    }
    assert.notEqual((await ctx.app.inject('/')).headers.etag, before.front.headers.etag);
    assert.notEqual((await ctx.app.inject('/section/world/')).headers.etag, before.section.headers.etag);
  });

  it('leaves list pages alone when a comment is only held', async (t) => {
    const ctx = await buildTestApp(t);
    const article = await publish(ctx, { title: 'Held comments' });
    const before = await ctx.app.inject('/section/world/');
    await ctx.dateline.services.submitComment({ articleId: article.id, parentId: null, authorName: 'New Reader', authorEmail: 'new@example.com', authorUrl: '', bodyText: 'Hold me.', ip: '203.0.113.9', userAgent: 'test' });
    const after = await ctx.app.inject('/section/world/');
    assert.equal(after.headers.etag, before.headers.etag);
    assert.match(after.body, /No comments yet/);
  });
});
