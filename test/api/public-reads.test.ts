// The API's public reads: articles (a page of them, one by id or by address), an article's
// approved comments as a thread paged by cursor, one comment, and counts for many addresses.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commentId } from '../../src/domain/ids.ts';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';
import { call, openSettings, postComment } from './api-test-kit.ts';

async function articles(ctx: TestApp, n: number) {
  const made = [];
  for (let i = 0; i < n; i++) {
    made.push(await ctx.publishSeedArticle(undefined, { title: `Story ${i}`, slug: `story-${i}`, publishedAt: new Date(Date.UTC(2026, 10, 1 + i, 9)) }));
  }
  return made;
}

describe('GET /api/v1/articles', () => {
  it('pages through public articles newest first, leaving drafts and scheduled ones out', async (t) => {
    const ctx = await buildTestApp(t);
    await articles(ctx, 3);
    await ctx.publishSeedArticle(undefined, { title: 'Draft', slug: 'draft', status: 'draft' });
    await ctx.publishSeedArticle(undefined, { title: 'Later', slug: 'later', publishedAt: new Date('2027-01-01T00:00:00Z') });
    const first = await call(ctx.app, 'GET', '/api/v1/articles?perPage=2');
    assert.equal(first.status, 200);
    assert.deepEqual(first.json.articles.map((a: { slug: string }) => a.slug), ['story-2', 'story-1']);
    assert.equal(first.json.total, 3);
    const second = await call(ctx.app, 'GET', '/api/v1/articles?perPage=2&page=2');
    assert.deepEqual(second.json.articles.map((a: { slug: string }) => a.slug), ['story-0']);
    assert.equal(second.json.articles[0].path, '/2026/11/01/story-0/');
    assert.equal(second.json.articles[0].bodyHtml, undefined, 'a list carries no bodies');
  });

  it('refuses a page size past the limit with request_invalid', async (t) => {
    const ctx = await buildTestApp(t);
    const res = await call(ctx.app, 'GET', '/api/v1/articles?perPage=500');
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'request_invalid');
  });
});

describe('GET /api/v1/articles/{id}', () => {
  it('answers a public article with its body, comment count and whether it takes comments', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article, path } = await ctx.publishSeedArticle();
    await postComment(ctx.app, article.id);
    const res = await call(ctx.app, 'GET', `/api/v1/articles/${article.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.path, path);
    assert.equal(res.json.approvedComments, 1);
    assert.equal(res.json.commentsOpen, true);
    assert.match(res.json.bodyHtml, /<p>/);
  });

  it('answers 404 article_not_found for a draft and for an unknown id', async (t) => {
    const ctx = await buildTestApp(t);
    const { article } = await ctx.publishSeedArticle(undefined, { status: 'draft' });
    for (const id of [article.id, 999]) {
      const res = await call(ctx.app, 'GET', `/api/v1/articles/${id}`);
      assert.equal(res.status, 404);
      assert.equal(res.json.error.code, 'article_not_found');
    }
    assert.equal((await call(ctx.app, 'GET', '/api/v1/articles/abc')).json.error.code, 'request_invalid');
  });
});

describe('GET /api/v1/articles/by-url', () => {
  it('finds an article by its absolute URL or its path, with or without the last slash', async (t) => {
    const ctx = await buildTestApp(t);
    const { article, path } = await ctx.publishSeedArticle();
    for (const url of [`https://news.example${path}?utm=x#comments`, path, path.slice(0, -1)]) {
      const res = await call(ctx.app, 'GET', `/api/v1/articles/by-url?url=${encodeURIComponent(url)}`);
      assert.equal(res.status, 200, url);
      assert.equal(res.json.id, article.id);
    }
  });

  it('answers 404 for an address with the wrong date or no article', async (t) => {
    const ctx = await buildTestApp(t);
    const { path } = await ctx.publishSeedArticle();
    for (const url of [path.replace(/\/\d\d\//, '/01/'), '/about/', 'not a url at all']) {
      const res = await call(ctx.app, 'GET', `/api/v1/articles/by-url?url=${encodeURIComponent(url)}`);
      assert.equal(res.status, 404, url);
      assert.equal(res.json.error.code, 'article_not_found');
    }
  });
});

describe('GET /api/v1/articles/{id}/comments', () => {
  it('pages top-level comments by cursor, each with its replies in page order, approved only', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle();
    const a = await postComment(ctx.app, article.id, { comment: 'First' });
    ctx.clock.advance(1);
    const b = await postComment(ctx.app, article.id, { comment: 'Second' });
    ctx.clock.advance(1);
    const a1 = await postComment(ctx.app, article.id, { comment: 'Reply to first', parentId: a });
    ctx.clock.advance(1);
    const a2 = await postComment(ctx.app, article.id, { comment: 'Reply to reply', parentId: a1 });
    ctx.clock.advance(1);
    const c = await postComment(ctx.app, article.id, { comment: 'Third' });
    ctx.clock.advance(1);
    const held = await postComment(ctx.app, article.id, { comment: 'Not yet' });
    await ctx.dateline.services.moderateComment({ commentId: commentId(held), action: 'hold', actor: 'test' });

    const first = await call(ctx.app, 'GET', `/api/v1/articles/${article.id}/comments?limit=2`);
    assert.equal(first.status, 200);
    assert.equal(first.json.approvedCount, 5);
    assert.deepEqual(first.json.comments.map((x: { id: number }) => x.id), [a, b]);
    assert.deepEqual(first.json.comments[0].replies.map((x: { id: number; depth: number }) => [x.id, x.depth]), [[a1, 2], [a2, 3]]);
    assert.match(first.json.comments[0].avatarKey, /^[0-9a-f]{32}$/);
    assert.ok(first.json.nextCursor);

    // A comment approved meanwhile does not shift the next page.
    await ctx.dateline.services.moderateComment({ commentId: commentId(held), action: 'approve', actor: 'test' });
    const second = await call(ctx.app, 'GET', `/api/v1/articles/${article.id}/comments?limit=2&after=${first.json.nextCursor}`);
    assert.deepEqual(second.json.comments.map((x: { id: number }) => x.id), [c, held]);
    assert.equal(second.json.nextCursor, null);
  });

  it('refuses a cursor it did not give, and a non-public article', async (t) => {
    const ctx = await buildTestApp(t);
    const { article } = await ctx.publishSeedArticle();
    const bad = await call(ctx.app, 'GET', `/api/v1/articles/${article.id}/comments?after=nonsense`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'request_invalid');
    assert.equal(bad.json.error.field, 'after');
    assert.equal((await call(ctx.app, 'GET', '/api/v1/articles/77/comments')).status, 404);
  });
});

describe('GET /api/v1/comments/{id}', () => {
  it('answers an approved comment, and 404 comment_not_found for a held one', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle();
    const id = await postComment(ctx.app, article.id, { comment: 'Visible' });
    const res = await call(ctx.app, 'GET', `/api/v1/comments/${id}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.articleId, article.id);
    assert.match(res.json.bodyHtml, /Visible/);
    await ctx.dateline.services.moderateComment({ commentId: commentId(id), action: 'hold', actor: 'test' });
    const held = await call(ctx.app, 'GET', `/api/v1/comments/${id}`);
    assert.equal(held.status, 404);
    assert.equal(held.json.error.code, 'comment_not_found');
  });
});

describe('GET /api/v1/counts', () => {
  it('counts approved comments for each address asked, in order, null where no public article is', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const [one, two] = await articles(ctx, 2);
    await postComment(ctx.app, one!.article.id);
    ctx.clock.advance(1);
    await postComment(ctx.app, one!.article.id, { comment: 'Another' });
    const q = [`https://elsewhere.example${one!.path}`, two!.path, '/2026/01/01/missing/'].map((u) => `url=${encodeURIComponent(u)}`).join('&');
    const res = await call(ctx.app, 'GET', `/api/v1/counts?${q}`);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.json.counts.map((c: { approvedComments: number | null }) => c.approvedComments),
      [2, 0, null],
    );
    assert.equal(res.json.counts[0].articleId, one!.article.id);
  });

  it('refuses more than 100 addresses in one call', async (t) => {
    const ctx = await buildTestApp(t);
    const q = Array.from({ length: 101 }, (_, i) => `url=/2026/01/01/a${i}/`).join('&');
    const res = await call(ctx.app, 'GET', `/api/v1/counts?${q}`);
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'request_invalid');
  });
});

describe('POST /api/v1/counts', () => {
  it('counts the addresses listed in a JSON body', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article, path } = await ctx.publishSeedArticle();
    await postComment(ctx.app, article.id);
    const res = await call(ctx.app, 'POST', '/api/v1/counts', { body: { urls: [path, '/nope/'] } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.counts, [
      { url: path, articleId: article.id, approvedComments: 1 },
      { url: '/nope/', articleId: null, approvedComments: null },
    ]);
  });

  it('refuses a body without addresses', async (t) => {
    const ctx = await buildTestApp(t);
    const res = await call(ctx.app, 'POST', '/api/v1/counts', { body: { urls: [] } });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'request_invalid');
  });
});
