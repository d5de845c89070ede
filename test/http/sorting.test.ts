// Sorting, paging and folding the discussion (issue 9, items 5–7): ?csort= orders top-level
// comments (replies stay oldest first), ?cpage= pages every order, ?expand= unfolds a long
// thread; each view is a cached public page dropped with its article. Editors' picks lead in a
// Featured strip; staff replies are marked Staff, the article's author's Author.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commentId, type CommentId } from '../../src/domain/ids.ts';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';
import { publish, writer } from '../support/articles.ts';

const shown = (html: string) => [...html.matchAll(/<li id="comment-(\d+)"/g)].map((m) => Number(m[1]));
const hidden = (html: string) => [...html.matchAll(/<li id="comment-(\d+)"[^>]* hidden/g)].map((m) => Number(m[1]));
/** Top-level comments only: the <li>s of the outer list. */
const topLevel = (html: string) => [...html.matchAll(/<li id="comment-(\d+)" class="comment depth-1/g)].map((m) => Number(m[1]));

let minute = 0;
async function add(ctx: TestApp, articleId: number, parentId: number | null = null): Promise<number> {
  const n = ++minute;
  const c = await ctx.dateline.stores.comments.insert({
    articleId: articleId as never,
    parentId: parentId as never,
    authorName: `Reader ${n}`,
    authorEmail: `reader${n}@example.com`,
    authorUrl: null,
    bodyText: `Comment ${n}.`,
    bodyHtml: `<p>Comment ${n}.</p>` as never,
    status: 'approved',
    reasons: [],
    ip: '192.0.2.1',
    ipHash: 'h',
    userAgent: 'test',
    createdAt: new Date(Date.parse('2026-11-26T00:00:00Z') + n * 60_000),
  });
  ctx.dateline.cache.clear(); // written behind the cache's back, as no use case would
  return c.id;
}

/** `n` readers (distinct browsers) react to a comment through the public route. */
async function react(ctx: TestApp, id: number, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await ctx.app.inject({ method: 'POST', url: `/comments/${id}/reaction`, remoteAddress: '203.0.113.9', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': `reader ${id}-${i}` }, payload: '' });
    assert.equal(res.statusCode, 303);
  }
}

/** Four top-level comments: a (oldest, 1 reply), b (3 reactions), c (2 replies, 1 reaction), d (newest). */
async function conversation(ctx: TestApp) {
  const { article, path } = await ctx.publishSeedArticle();
  const a = await add(ctx, article.id);
  const b = await add(ctx, article.id);
  const c = await add(ctx, article.id);
  const c1 = await add(ctx, article.id, c);
  const a1 = await add(ctx, article.id, a);
  const c2 = await add(ctx, article.id, c);
  const d = await add(ctx, article.id);
  await react(ctx, b, 3);
  await react(ctx, c, 1);
  return { article, path, a, b, c, d, a1, c1, c2 };
}

describe('sorting the discussion', () => {
  it('orders top-level comments by ?csort=, with replies oldest first under their parent', async (t) => {
    const ctx = await buildTestApp(t);
    const { path, a, b, c, d, a1, c1, c2 } = await conversation(ctx);
    const page = async (query: string) => (await ctx.app.inject(`${path}${query}`)).body;
    assert.deepEqual(shown(await page('')), [a, a1, b, c, c1, c2, d]);
    assert.deepEqual(shown(await page('?csort=newest')), [d, c, c1, c2, b, a, a1]);
    assert.deepEqual(shown(await page('?csort=reactions')), [b, c, c1, c2, a, a1, d]);
    assert.deepEqual(shown(await page('?csort=replies')), [c, c1, c2, a, a1, b, d]);
    assert.deepEqual(shown(await page('?csort=oldest')), shown(await page('')));
    assert.deepEqual(shown(await page('?csort=<script>')), shown(await page('')), 'an unknown order is the default');

    const html = await page('?csort=newest');
    assert.match(html, /<nav class="comment-sort" aria-label="Sort comments">/);
    assert.match(html, /<span aria-current="true">Newest<\/span>/);
    assert.match(html, new RegExp(`<a href="${path}#comments" rel="nofollow">Oldest</a>`));
    assert.match(html, new RegExp(`<a href="${path}\\?csort=reactions#comments" rel="nofollow">Most reacted</a>`));
  });

  it('pages every order, and page links keep it', async (t) => {
    const ctx = await buildTestApp(t, { settings: { pageComments: true, commentsPerPage: 2 } });
    const { path, a, b, c, d, a1, c1, c2 } = await conversation(ctx);
    const newest2 = await ctx.app.inject(`${path}?csort=newest&cpage=2`);
    assert.equal(newest2.statusCode, 200);
    assert.deepEqual(shown(newest2.body), [b, a, a1]);
    assert.match(newest2.body, new RegExp(`<a class="prev" href="${path}\\?csort=newest#comments">« Previous</a>`));
    assert.match(newest2.body, new RegExp(`<a href="${path}\\?csort=newest#comments">1</a>`));
    assert.deepEqual(shown((await ctx.app.inject(`${path}?csort=reactions`)).body), [b, c, c1, c2]);
    assert.deepEqual(shown((await ctx.app.inject(`${path}?cpage=2&csort=reactions`)).body), [a, a1, d]);
    assert.deepEqual(shown((await ctx.app.inject(`${path}?csort=replies&cpage=2`)).body), [b, d]);
    const oldest = (await ctx.app.inject(`${path}?cpage=2`)).body;
    assert.deepEqual(shown(oldest), [c, c1, c2, d]);
    assert.match(oldest, /« Older comments/, 'the default order keeps WordPress’s wording');
    const past = await ctx.app.inject(`${path}?csort=newest&cpage=9`);
    assert.equal(past.statusCode, 301);
    assert.equal(past.headers.location, `${path}?csort=newest#comments`);
  });

  it('caches each view on its own, and a reaction drops every view of the article', async (t) => {
    const ctx = await buildTestApp(t);
    const { path, a, b, c, d } = await conversation(ctx);
    const first = await ctx.app.inject(`${path}?csort=reactions`);
    const again = await ctx.app.inject(`${path}?csort=reactions&utm_source=x`);
    assert.equal(again.headers.etag, first.headers.etag, 'served from the cache (other parameters are not part of the key)');
    assert.match(first.headers['cache-control'] as string, /^public/);
    const oldest = await ctx.app.inject(path);
    assert.notEqual(oldest.headers.etag, first.headers.etag);

    await react(ctx, d, 4);
    const after = await ctx.app.inject(`${path}?csort=reactions`);
    assert.deepEqual(topLevel(after.body), [d, b, c, a]);
    assert.notEqual((await ctx.app.inject(path)).headers.etag, oldest.headers.etag, 'the default view was dropped too');
  });

  it('folds a long thread behind a link to the page with it expanded', async (t) => {
    const ctx = await buildTestApp(t);
    const { article, path } = await ctx.publishSeedArticle();
    const root = await add(ctx, article.id);
    const replies: number[] = [];
    for (let i = 0; i < 8; i++) replies.push(await add(ctx, article.id, i === 1 ? replies[0]! : root)); // the second reply answers the first
    const html = (await ctx.app.inject(path)).body;
    assert.deepEqual(shown(html), [root, ...replies], 'every reply is in the page, for the script to unfold');
    assert.deepEqual(hidden(html), replies.slice(5));
    assert.match(html, new RegExp(`<a href="\\?expand=${root}#comment-${replies[5]}" data-expand="${root}" data-first="${replies[5]}">Show 3 more replies</a>`));

    const expanded = await ctx.app.inject(`${path}?expand=${root}`);
    assert.equal(expanded.statusCode, 200);
    assert.match(expanded.headers['cache-control'] as string, /^public/);
    assert.deepEqual(hidden(expanded.body), []);
    assert.doesNotMatch(expanded.body, /more replies/);
    assert.match(expanded.body, new RegExp(`<input type="hidden" name="back" value="\\?expand=${root}"/>`), 'a reaction comes back to the expanded view');

    const notFolded = await ctx.app.inject(`${path}?csort=newest&expand=${replies[0]}`);
    assert.equal(notFolded.statusCode, 302, 'only a folded thread of the page can be expanded');
    assert.equal(notFolded.headers.location, `${path}?csort=newest#comments`);
  });

  it('leads with editors’ picks in a Featured strip, each linking to its place in the thread', async (t) => {
    const ctx = await buildTestApp(t, { settings: { pageComments: true, commentsPerPage: 1 } });
    const { article, path } = await ctx.publishSeedArticle();
    const first = await add(ctx, article.id);
    const second = await add(ctx, article.id);
    const replies: number[] = [];
    for (let i = 0; i < 7; i++) replies.push(await add(ctx, article.id, second));
    const { staff } = await ctx.signIn('editor');
    const feature = async (id: number) => ctx.dateline.services.staffActions.feature({ commentId: commentId(id) as CommentId, on: true, staff });
    await feature(first);
    ctx.clock.advance(60);
    await feature(replies[6]!); // on page 2, folded

    const html = (await ctx.app.inject(path)).body;
    const strip = html.slice(html.indexOf('<section class="featured-comments"'), html.indexOf('</section>', html.indexOf('featured-comments')));
    assert.match(strip, /<h3 id="featured-title">Featured<\/h3>/);
    const links = [...strip.matchAll(/class="featured-goto" href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(links, [`?cpage=2&amp;expand=${second}#comment-${replies[6]}`, `#comment-${first}`], 'latest pick first');
    assert.ok(html.indexOf('featured-comments') < html.indexOf(`<li id="comment-${first}"`), 'the strip comes before the thread');
    assert.doesNotMatch(strip, /id="comment-/, 'the thread’s ids stay unique');
    assert.match(html, /<span class="badge badge-pick">Editors’ pick<\/span>/, 'picks are marked in the thread too');

    const newest = (await ctx.app.inject(`${path}?csort=newest`)).body;
    assert.match(newest, new RegExp(`href="\\?csort=newest&amp;cpage=2#comment-${first}"`), 'links follow the order being read');
  });

  it('marks staff replies as Staff, and the article author’s as Author', async (t) => {
    const ctx = await buildTestApp(t);
    const author = await writer(ctx, 'Jane Byline');
    const article = await publish(ctx, { title: 'Storm warning', authorStaffId: author.id });
    const path = `/2026/11/20/storm-warning/`;
    const reader = await add(ctx, article.id);
    const { staff: desk } = await ctx.signIn('moderator');
    const fromAuthor = await ctx.dateline.services.staffActions.reply({ parentId: commentId(reader), text: 'Author here.', staff: author });
    const fromDesk = await ctx.dateline.services.staffActions.reply({ parentId: commentId(reader), text: 'Desk here.', staff: desk });
    const html = (await ctx.app.inject(path)).body;
    const meta = (id: number) => html.slice(html.indexOf(`<li id="comment-${id}"`), html.indexOf('</header>', html.indexOf(`<li id="comment-${id}"`)));
    assert.match(meta(fromAuthor.id), /<span class="badge badge-author">Author<\/span>/);
    assert.doesNotMatch(meta(fromAuthor.id), />Staff</);
    assert.match(meta(fromDesk.id), /<span class="badge">Staff<\/span>/);
    assert.doesNotMatch(meta(reader), /badge/);
  });
});
