// The reader's search page (/search?q=) and the moderation queue's word filter, through HTTP,
// on the dialect TEST_DIALECT names: ranking, highlighting, paging, what is never found, and
// that no query, however odd, breaks the page.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, commentForm, type TestApp } from '../support/build-test-app.ts';

interface ArticleFields {
  readonly title: string;
  readonly body: string;
  readonly slug?: string;
  readonly summary?: string;
  readonly published?: string;
  readonly status?: 'draft' | 'published';
}

/** Publishes an article written as a file, as the newsroom would. */
async function publish(ctx: TestApp, fields: ArticleFields) {
  const lines = ['---', `title: "${fields.title}"`];
  if (fields.slug) lines.push(`slug: ${fields.slug}`);
  if (fields.summary) lines.push(`summary: "${fields.summary}"`);
  lines.push(`published: ${fields.published ?? '2026-11-20T09:00:00Z'}`, '---', '', fields.body);
  const { article } = await ctx.publishSeedArticle(lines.join('\n'), fields.status ? { status: fields.status } : {});
  return article;
}

const search = (ctx: TestApp, query: string, page?: number) => ctx.app.inject(`/search?${new URLSearchParams(page ? { q: query, page: String(page) } : { q: query })}`);

/** The headlines of the results, in order, as plain text. */
const headlines = (html: string) => [...html.matchAll(/<li class="search-hit"><h2><a href="[^"]*">(.*?)<\/a><\/h2>/g)].map((m) => m[1]!.replace(/<\/?mark>/g, ''));

describe('the search page', () => {
  it('ranks an article with the word in its headline above one with it only in its body', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Budget talks resume', body: 'The council met again. The harbour was mentioned once, and the harbour dredging twice: harbour, harbour.', published: '2026-11-27T09:00:00Z' });
    await publish(ctx, { title: 'Harbour reopens after storm', body: 'Boats are back.', published: '2026-11-01T09:00:00Z' });
    await publish(ctx, { title: 'Gardens in winter', body: 'Nothing about boats here.' });
    const res = await search(ctx, 'harbour');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(headlines(res.body), ['Harbour reopens after storm', 'Budget talks resume']);
  });

  it('marks the matched words in headline and snippet and escapes everything else', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Tom & Jerry at the opera', body: 'Critics wrote `<img src=x onerror=alert(1)>` about the opera, and <b>loved</b> it.' });
    const res = await search(ctx, 'opera');
    assert.match(res.body, /<a href="\/2026\/11\/20\/tom-jerry-at-the-opera\/">Tom &amp; Jerry at the <mark>opera<\/mark><\/a>/);
    assert.match(res.body, /<p class="search-snippet">Critics wrote &lt;img src=x onerror=alert\(1\)> about the <mark>opera<\/mark>, and loved it\.<\/p>/);
    assert.doesNotMatch(res.body, /<img src=x/);
    const hostile = await search(ctx, '<script>alert(1)</script> opera');
    assert.equal(hostile.statusCode, 200);
    assert.doesNotMatch(hostile.body, /<script>alert/);
    assert.match(hostile.body, /value="&lt;script>alert\(1\)&lt;\/script> opera"|value="&lt;script&gt;alert\(1\)&lt;\/script&gt; opera"/);
  });

  it('finds words whatever their case, and the last word by its start as typed so far', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Lighthouse keepers retire', body: 'The last keepers of the northern lighthouse handed over the keys.' });
    assert.deepEqual(headlines((await search(ctx, 'LIGHTHOUSE Keepers')).body), ['Lighthouse keepers retire']);
    assert.deepEqual(headlines((await search(ctx, 'northern lightho')).body), ['Lighthouse keepers retire']);
    assert.deepEqual(headlines((await search(ctx, 'lightho northern')).body), []);
  });

  it('never finds drafts or articles scheduled for later', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Zeppelin draft', body: 'Zeppelin notes.', status: 'draft' });
    await publish(ctx, { title: 'Zeppelin tomorrow', body: 'Zeppelin plans.', published: '2026-12-01T09:00:00Z' });
    await publish(ctx, { title: 'Zeppelin today', body: 'Zeppelin lands.' });
    assert.deepEqual(headlines((await search(ctx, 'zeppelin')).body), ['Zeppelin today']);
  });

  it('pages through results ten at a time, with previous and next links', async (t) => {
    const ctx = await buildTestApp(t);
    for (let i = 1; i <= 12; i++) await publish(ctx, { title: `Ferry report ${i}`, slug: `ferry-${i}`, body: 'The ferry ran late.', published: `2026-11-${String(i).padStart(2, '0')}T09:00:00Z` });
    const first = await search(ctx, 'ferry');
    assert.equal(headlines(first.body).length, 10);
    assert.equal(headlines(first.body)[0], 'Ferry report 12');
    assert.match(first.body, /<a rel="next" href="\/search\?q=ferry&amp;page=2">/);
    assert.doesNotMatch(first.body, /rel="prev"/);
    const second = await search(ctx, 'ferry', 2);
    assert.deepEqual(headlines(second.body), ['Ferry report 2', 'Ferry report 1']);
    assert.match(second.body, /<ol class="search-results" start="11">/);
    assert.match(second.body, /<a rel="prev" href="\/search\?q=ferry">/);
    assert.doesNotMatch(second.body, /rel="next"/);
    const third = await search(ctx, 'ferry', 3);
    assert.equal(third.statusCode, 200);
    assert.match(third.body, /There are no more results\./);
  });

  it('finds an updated article by its new words and no longer by its old ones', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Election night', slug: 'election-night', body: 'Counting continues in the marshes.' });
    assert.equal(headlines((await search(ctx, 'marshes')).body).length, 1);
    await publish(ctx, { title: 'Election night', slug: 'election-night', summary: 'Turnout surprised everyone', body: 'Counting finished in the valleys.' });
    assert.deepEqual(headlines((await search(ctx, 'marshes')).body), []);
    assert.deepEqual(headlines((await search(ctx, 'valleys')).body), ['Election night']);
    assert.deepEqual(headlines((await search(ctx, 'turnout')).body), ['Election night']);
  });

  it('shows a labelled form, asks for words on an empty query, and says when nothing matches', async (t) => {
    const ctx = await buildTestApp(t);
    const empty = await ctx.app.inject('/search');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<form class="search-form" role="search" method="get" action="\/search"><label for="search-query">Search articles<\/label><input id="search-query" name="q" type="search" value(="")?\/>/);
    assert.match(empty.body, /Type a word or two/);
    assert.doesNotMatch(empty.body, /name="robots"/);
    const none = await search(ctx, 'quokka');
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /No articles match “quokka”/);
    const home = await ctx.app.inject('/');
    assert.match(home.body, /<a href="\/search">Search<\/a>/);
  });

  it('marks results noindex and keeps them out of the page cache, cacheable only briefly', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Tides', body: 'High tide at noon.' });
    const res = await search(ctx, 'tide');
    assert.match(res.body, /<meta name="robots" content="noindex"\/>/);
    assert.equal(res.headers['x-robots-tag'], 'noindex');
    assert.match(String(res.headers['cache-control']), /^public, max-age=0, s-maxage=\d+/);
    assert.equal(ctx.dateline.cache.size, 0);
  });

  it('refuses a query over 200 characters with 400, keeping it in the form', async (t) => {
    const ctx = await buildTestApp(t);
    const long = 'word '.repeat(41).trim();
    const res = await search(ctx, long);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /That search is too long/);
    assert.match(res.body, new RegExp(`value="${long}"`));
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.equal((await search(ctx, 'word '.repeat(40).trim())).statusCode, 200);
  });

  it('answers hostile and odd queries with 200 or 400, never a server error', async (t) => {
    const ctx = await buildTestApp(t);
    await publish(ctx, { title: 'Near and far', body: 'Operators and brackets (and quotes) are words here: OR, AND, NOT, NEAR.' });
    const queries = [
      '"', '"unbalanced', "'", '\\', '(((', ')', 'a)(b', 'AND', 'OR OR', 'NOT near', 'NEAR(near far, 2)', '*', 'near*', '^near', '-near', '+near',
      'title:near', '{title summary}: near', 'near AND', 'near OR far', '!near & far | x:*', "near' | 'far", 'near <-> far', '%', '_', '\u0000near', 'near\u0000far',
      '北朝鮮', '🙂 near', 'é', 'e\u0301', '\u200b', '\uFEFFnear', 'ǅ', ' ', '\t\n',
    ];
    for (const q of queries) {
      const res = await search(ctx, q);
      assert.ok([200, 400].includes(res.statusCode), `${JSON.stringify(q)} answered ${res.statusCode}`);
      assert.match(String(res.headers['content-type']), /text\/html/);
    }
    assert.deepEqual(headlines((await search(ctx, 'NEAR(near far)')).body), ['Near and far']);
    assert.deepEqual(headlines((await search(ctx, '"brackets" (quotes*')).body), ['Near and far']);
    for (const url of ['/search?q=%FF%FE', '/search?q=%', '/search?q=a&q=b', '/search?q[]=a', '/search?q=near&page=0', '/search?q=near&page=abc', '/search?q=near&page=51', '/search?q=near&page=99999999999', '/search?q=near&page=1&page=2']) {
      const res = await ctx.app.inject(url);
      assert.ok([200, 400].includes(res.statusCode), `${url} answered ${res.statusCode}`);
    }
    assert.equal((await ctx.app.inject('/search?q=near&page=51')).statusCode, 400);
  });
});

describe('the moderation queue’s word filter', () => {
  it('finds comments by words of their text or their author’s name, through the full-text index', async (t) => {
    const ctx = await buildTestApp(t);
    const { article } = await ctx.publishSeedArticle();
    const post = (comment: string, author: string, i: number) =>
      ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment, author, email: `r${i}@example.com` })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: `198.51.100.${i}` });
    await post('The walrus population is growing.', 'Ada Lovelace', 1);
    await post('Nothing to see here.', 'Walrus Fan', 2);
    await post('Unrelated remark.', 'Grace Hopper', 3);
    const { cookie } = await ctx.signIn('moderator');
    const items = async (q: string) => {
      const res = await ctx.app.inject({ url: `/admin/comments?${new URLSearchParams({ q })}`, headers: { cookie } });
      assert.equal(res.statusCode, 200, q);
      return res.body.match(/class="queue-item /g)?.length ?? 0;
    };
    assert.equal(await items('walrus'), 2);
    assert.equal(await items('WALR'), 2);
    assert.equal(await items('grace'), 1);
    assert.equal(await items('walrus growing'), 1);
    assert.equal(await items('"walrus" (growing*'), 1);
    assert.equal(await items('***'), 3);
  });
});
