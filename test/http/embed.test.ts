// Comments on another site's page (issue 8, item 6) over HTTP: threads made on first use for
// allowed origins only, kept off the site's own lists, framed only by those origins, posting
// that comes back to the embed, the two scripts, and counts by the page's own address.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { commentId } from '../../src/domain/ids.ts';
import { buildTestApp, type TestAppOptions } from '../support/build-test-app.ts';

const blog = 'http://blog.example:8080';
const pageUrl = `${blog}/posts/zanzibar-harbour/`;
const title = 'Zanzibar harbour reopens';

async function setUp(t: TestContext, options: TestAppOptions = {}) {
  const ctx = await buildTestApp(t, { ...options, config: { embedOrigins: [blog], ...options.config } });
  const inject = ctx.app.inject.bind(ctx.app);

  /** The embed page of `url` (made on first use): the redirect's target and its article id. */
  async function openThread(url = pageUrl, withTitle = title) {
    const res = await inject(`/embed/thread?url=${encodeURIComponent(url)}&title=${encodeURIComponent(withTitle)}`);
    assert.equal(res.statusCode, 302, res.body);
    const location = String(res.headers.location);
    const id = Number(/^\/embed\/articles\/(\d+)\/$/.exec(location)?.[1]);
    assert.ok(id > 0, `redirects to an embed page, not ${location}`);
    return { location, id };
  }

  /** Every article row, embed threads included (the desk lists them all). */
  const articleCount = async () => (await ctx.dateline.stores.articles.listForDesk({ limit: 1000, offset: 0 })).length;

  /** The embed page's form fields, as a browser would post them after reading for `seconds`. */
  async function embedForm(location: string, fields: Record<string, string>, seconds = 5) {
    const page = await inject(location);
    assert.equal(page.statusCode, 200);
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page.body)?.[1] ?? assert.fail(`the embed form has no ${name}`);
    ctx.clock.advance(seconds);
    return { comment: 'A reply from the blog.', author: 'Ada Reader', email: 'ada@example.com', url: '', comment_post_ID: hidden('comment_post_ID'), comment_parent: '0', dateline_form: hidden('dateline_form'), embed: hidden('embed'), ...fields };
  }

  const post = (form: Record<string, string>, ip = '192.0.2.10') =>
    inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: ip });

  return { ...ctx, inject, openThread, articleCount, embedForm, post };
}

const approvedAtOnce = { requirePreviouslyApproved: false, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0, floodIntervalSeconds: 0 };

describe('embed threads', () => {
  it('makes one thread for a page of an allowed origin, even when two first visits arrive at once', async (t) => {
    const ctx = await setUp(t);
    const before = await ctx.articleCount();
    const [a, b] = await Promise.all([ctx.openThread(), ctx.openThread()]);
    assert.equal(a.location, b.location, 'both visits land on the same thread');
    assert.equal(await ctx.articleCount(), before + 1);
    // The same page asked for with a query, a fragment or without its last slash.
    for (const variant of [`${blog}/posts/zanzibar-harbour?utm_source=feed`, `${blog}/posts/zanzibar-harbour/#comments`, `${blog}/posts/zanzibar-harbour`]) {
      assert.equal((await ctx.openThread(variant, 'Another title')).location, a.location, variant);
    }
    assert.equal(await ctx.articleCount(), before + 1);
    const thread = await ctx.inject(a.location);
    assert.equal(thread.statusCode, 200);
    assert.match(thread.body, /No comments yet on “Zanzibar harbour reopens”/, 'the first visit named the thread');
  });

  it('refuses a page of an origin that may not embed with 403, and makes no thread', async (t) => {
    const ctx = await setUp(t);
    const before = await ctx.articleCount();
    for (const url of ['http://evil.example/posts/zanzibar-harbour/', 'https://blog.example:8080/posts/x/', 'http://blog.example/posts/x/']) {
      const res = await ctx.inject(`/embed/thread?url=${encodeURIComponent(url)}&title=x`);
      assert.equal(res.statusCode, 403, url);
      assert.match(res.body, /not been set up to show comments/);
    }
    for (const bad of ['', 'url=not%20a%20url', 'url=javascript%3Aalert(1)', 'url=a&url=b', `url=${encodeURIComponent(`${blog}/${'x'.repeat(2000)}`)}`]) {
      const res = await ctx.inject(`/embed/thread?${bad}`);
      assert.equal(res.statusCode, 400, bad);
    }
    assert.equal(await ctx.articleCount(), before);
  });

  it('with no embed origins configured, makes no thread at all', async (t) => {
    const ctx = await setUp(t, { config: { embedOrigins: [] } });
    const res = await ctx.inject(`/embed/thread?url=${encodeURIComponent(pageUrl)}`);
    assert.equal(res.statusCode, 403);
    assert.equal(await ctx.articleCount(), 0);
  });

  it('keeps embed threads and their comments off the front page, feeds, sitemaps and search, and sends their Dateline address to the page', async (t) => {
    const ctx = await setUp(t, { settings: approvedAtOnce });
    await ctx.publishSeedArticle();
    const { location, id } = await ctx.openThread();
    const res = await ctx.post(await ctx.embedForm(location, { comment: 'Zanzibar dhows are back in the harbour.' }));
    assert.equal(res.statusCode, 303, res.body);
    const thread = await ctx.dateline.stores.articles.findByExternalKey(`${blog}/posts/zanzibar-harbour`);
    assert.equal(thread?.id, id);
    const slug = thread!.slug;

    const seen = async (url: string) => {
      const page = await ctx.inject(url);
      assert.equal(page.statusCode, 200, url);
      return page.body;
    };
    for (const url of ['/', '/feed/', '/feed/atom/', '/feed.json', '/comments/feed/', '/comments/feed.json', '/sitemap.xml', '/sitemap-news.xml', '/section/world/']) {
      const body = await seen(url);
      assert.doesNotMatch(body, /Zanzibar/, url);
      assert.ok(!body.includes(slug), `${url} names the thread's slug`);
    }
    // The same lists do show the site's own article, and the search finds it: the checks above can fail.
    assert.match(await seen('/'), /North Korean Soldiers Return/);
    assert.match(await seen('/sitemap.xml'), /north-korean-soldiers-return-to-fanfare/);
    assert.match(await seen('/search?q=soldiers'), /north-korean-soldiers-return-to-fanfare/);
    for (const q of ['zanzibar', 'harbour', 'reopens']) assert.ok(!(await seen(`/search?q=${q}`)).includes(slug), `search for ${q} finds the thread`);
    // The most-discussed list counts comments of the site's articles only.
    assert.doesNotMatch(await seen('/'), new RegExp(slug));

    const dated = thread!.publishedAt.toISOString().slice(0, 10).replaceAll('-', '/');
    const own = await ctx.inject(`/${dated}/${slug}/`);
    assert.equal(own.statusCode, 301);
    assert.equal(own.headers.location, pageUrl);
  });

  it('lets the embed origins, and only them, frame the embed pages', async (t) => {
    const ctx = await setUp(t, { config: { embedOrigins: [blog, 'https://shop.example'] } });
    const { location } = await ctx.openThread();
    for (const url of [location, `/embed/thread?url=${encodeURIComponent(pageUrl)}`, `/embed/thread?url=${encodeURIComponent('http://evil.example/')}`]) {
      const res = await ctx.inject(url);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'self' http:\/\/blog\.example:8080 https:\/\/shop\.example;/, url);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self';/, url);
      assert.equal(res.headers['x-frame-options'], undefined, url);
    }
    const front = await ctx.inject('/');
    assert.match(String(front.headers['content-security-policy']), /frame-ancestors 'self';/);
    assert.equal(front.headers['x-frame-options'], 'SAMEORIGIN');
  });

  it('shows only embed threads at /embed/articles/ID/', async (t) => {
    const ctx = await setUp(t);
    const { article } = await ctx.publishSeedArticle();
    assert.equal((await ctx.inject(`/embed/articles/${article.id}/`)).statusCode, 404);
    assert.equal((await ctx.inject('/embed/articles/999999/')).statusCode, 404);
    assert.equal((await ctx.inject('/embed/articles/abc/')).statusCode, 404);
  });

  it('brings a reader who posts from the embed back to the embed page at their comment', async (t) => {
    const ctx = await setUp(t, { settings: approvedAtOnce });
    const { location } = await ctx.openThread();
    const res = await ctx.post(await ctx.embedForm(location, { comment: 'Seen from the blog.' }));
    assert.equal(res.statusCode, 303, res.body);
    const m = /^\/embed\/articles\/\d+\/#comment-(\d+)$/.exec(String(res.headers.location));
    assert.ok(m, `lands on the embed page, not ${res.headers.location}`);
    const page = await ctx.inject(String(res.headers.location).split('#')[0]!);
    assert.match(page.body, new RegExp(`id="comment-${m[1]}"`));
    assert.match(page.body, /Seen from the blog\./);
    assert.match(page.body, /One comment on “Zanzibar harbour reopens”/);
  });

  it('tells a reader whose comment from the embed is held that it awaits moderation', async (t) => {
    const ctx = await setUp(t); // a first-time commenter is held by default
    const { location } = await ctx.openThread();
    const res = await ctx.post(await ctx.embedForm(location, { comment: 'Held, surely.' }));
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `${location}?held=1#comments`);
    const held = await ctx.inject(`${location}?held=1`);
    assert.match(held.body, /Your comment is awaiting moderation, and will appear here/);
    assert.equal(held.headers['cache-control'], 'private, no-store', 'the notice is for this reader only');
    const other = await ctx.inject(location);
    assert.doesNotMatch(other.body, /awaiting moderation/);
    assert.doesNotMatch(other.body, /Held, surely\./);
  });

  it('shows a form error inside the embed page, with the reader’s text kept and framing still allowed', async (t) => {
    const ctx = await setUp(t, { settings: approvedAtOnce });
    const { location } = await ctx.openThread();
    const res = await ctx.post(await ctx.embedForm(location, { comment: 'Words worth keeping.', email: 'not-an-email' }));
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.body, /<html[^>]* class="embed"/);
    assert.doesNotMatch(res.body, /class="masthead"/);
    assert.match(res.body, /<textarea[^>]*>Words worth keeping\.<\/textarea>/);
    assert.match(res.body, /name="embed" value="1"/, 'a second try still comes back to the embed');
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'self' http:\/\/blog\.example:8080;/);
    assert.equal(res.headers['x-frame-options'], undefined);
  });

  it('answers a post from an ordinary article page as before, even with embed=1', async (t) => {
    const ctx = await setUp(t, { settings: approvedAtOnce });
    const { article, path } = await ctx.publishSeedArticle();
    const page = await ctx.inject(path);
    const token = /name="dateline_form" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    ctx.clock.advance(5);
    const res = await ctx.post({ comment: 'On the article.', author: 'Ada', email: 'ada@example.com', comment_post_ID: String(article.id), comment_parent: '0', dateline_form: token, embed: '1' });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), new RegExp(`^${path}#comment-\\d+$`));
  });

  it('serves /embed.js and /count.js as JavaScript, cached briefly, with an ETag and compressed when asked', async (t) => {
    const ctx = await setUp(t);
    for (const file of ['/embed.js', '/count.js']) {
      const res = await ctx.inject(file);
      assert.equal(res.statusCode, 200, file);
      assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'public, max-age=300');
      assert.match(res.body, /^\/\/ Dateline/);
      const etag = String(res.headers.etag);
      assert.match(etag, /^"[^"]+"$/);
      const again = await ctx.inject({ url: file, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      const zipped = await ctx.inject({ url: file, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), res.body);
      assert.notEqual(zipped.headers.etag, etag, 'each coding has its own tag');
    }
  });

  it('counts approved comments of an embed thread by the page’s own address, and answers CORS for embed origins', async (t) => {
    const ctx = await setUp(t, { settings: approvedAtOnce });
    const { location, id } = await ctx.openThread();
    await ctx.post(await ctx.embedForm(location, { comment: 'One.' }));
    const held = await ctx.post(await ctx.embedForm(location, { comment: 'Two, held by hand.', author: 'Bea', email: 'bea@example.com' }), '192.0.2.11');
    const heldId = Number(/#comment-(\d+)$/.exec(String(held.headers.location))?.[1]);
    await ctx.dateline.services.moderateComment({ commentId: commentId(heldId), action: 'hold', actor: 'test' });
    const urls = [`${blog}/posts/zanzibar-harbour`, `${blog}/posts/never-embedded/`, 'http://evil.example/posts/zanzibar-harbour/'];
    const res = await ctx.inject({ method: 'POST', url: '/api/v1/counts', payload: { urls }, headers: { origin: blog } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().counts, [
      { url: urls[0], articleId: id, approvedComments: 1 },
      { url: urls[1], articleId: null, approvedComments: null },
      { url: urls[2], articleId: null, approvedComments: null },
    ]);
    assert.equal(res.headers['access-control-allow-origin'], blog);
    const preflight = await ctx.inject({ method: 'OPTIONS', url: '/api/v1/counts', headers: { origin: blog, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.statusCode, 204);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Content-Type/);
    const stranger = await ctx.inject({ method: 'POST', url: '/api/v1/counts', payload: { urls }, headers: { origin: 'http://evil.example' } });
    assert.equal(stranger.headers['access-control-allow-origin'], undefined);
  });

  it('shows no commenter’s email or IP address in the embed page', async (t) => {
    const ctx = await setUp(t, { settings: approvedAtOnce });
    const { location } = await ctx.openThread();
    const res = await ctx.post(await ctx.embedForm(location, { comment: 'Private person.', email: 'hidden.person@example.org' }), '203.0.113.77');
    assert.equal(res.statusCode, 303);
    const page = await ctx.inject(location);
    assert.match(page.body, /Private person\./);
    assert.doesNotMatch(page.body, /hidden\.person/);
    assert.doesNotMatch(page.body, /203\.0\.113\.77/);
  });
});
