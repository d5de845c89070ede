// Personal API tokens and the staff operations behind them: made in the admin and shown once,
// kept only as a SHA-256, scoped, limited by the owner's role as it is now, revocable; the
// moderation queue, moderating (logged as the token's owner) and articles through the API.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildTestApp } from '../support/build-test-app.ts';
import { call, makeToken, openSettings, postComment } from './api-test-kit.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('personal API tokens', () => {
  it('are shown once when made, and kept only as their SHA-256', async (t) => {
    const ctx = await buildTestApp(t);
    const { secret, cookie } = await makeToken(ctx, 'moderator', ['comments:read']);
    assert.match(secret, /^dtl_[A-Za-z0-9_-]{40,}$/);
    const rows = await ctx.dateline.database.db.selectFrom('api_tokens').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.token_hash, sha256(secret));
    assert.ok(!JSON.stringify(rows).includes(secret.slice(10)), 'the secret itself is stored nowhere');
    const page = await ctx.app.inject({ url: '/admin/api-tokens', headers: { cookie } });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Test script') && page.body.includes(secret.slice(0, 10)), 'the list names the token and its first characters');
    assert.ok(!page.body.includes(secret.slice(10)), 'the list never shows the token again');
  });

  it('cannot carry a scope beyond the owner’s role, nor be made without a name or scope', async (t) => {
    const ctx = await buildTestApp(t);
    const { cookie, csrf } = await ctx.signIn('moderator');
    const post = (fields: [string, string][]) =>
      ctx.app.inject({ method: 'POST', url: '/admin/api-tokens', payload: new URLSearchParams([['_csrf', csrf], ...fields]).toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    const beyond = await post([['name', 'x'], ['scopes', 'articles:write']]);
    assert.equal(beyond.statusCode, 422);
    assert.doesNotMatch(beyond.body, /new-token/);
    assert.equal((await post([['scopes', 'comments:read']])).statusCode, 422);
    assert.equal((await post([['name', 'no scope']])).statusCode, 422);
  });

  it('are refused with 401 when missing, unknown or revoked, and 403 without the scope', async (t) => {
    const ctx = await buildTestApp(t);
    const { secret, cookie, csrf } = await makeToken(ctx, 'editor', ['comments:read']);
    const queue = '/api/v1/moderation/comments';
    assert.equal((await call(ctx.app, 'GET', queue, { token: secret })).status, 200);
    for (const token of [undefined, 'dtl_unknown', 'Basic abc']) {
      const res = await call(ctx.app, 'GET', queue, token ? { token } : {});
      assert.equal(res.status, 401, String(token));
      assert.equal(res.json.error.code, 'token_invalid');
      assert.equal(res.headers['www-authenticate'], 'Bearer');
    }
    const wrongScope = await call(ctx.app, 'POST', '/api/v1/articles', { token: secret, body: { title: 'T', bodyMarkdown: 'B' } });
    assert.equal(wrongScope.status, 403);
    assert.equal(wrongScope.json.error.code, 'scope_missing');

    const [row] = await ctx.dateline.database.db.selectFrom('api_tokens').select('id').execute();
    const revoke = await ctx.app.inject({ method: 'POST', url: '/admin/api-tokens/revoke', payload: new URLSearchParams({ _csrf: csrf, id: String(row!.id) }).toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(revoke.statusCode, 303);
    const revoked = await call(ctx.app, 'GET', queue, { token: secret });
    assert.equal(revoked.status, 401);
    assert.equal(revoked.json.error.code, 'token_invalid');
  });

  it('lose a scope when their owner’s role no longer reaches it', async (t) => {
    const ctx = await buildTestApp(t);
    const { secret, staff } = await makeToken(ctx, 'editor', ['articles:write']);
    await ctx.dateline.database.db.updateTable('staff').set({ role: 'moderator' }).where('id', '=', staff.id).execute();
    const res = await call(ctx.app, 'POST', '/api/v1/articles', { token: secret, body: { title: 'T', bodyMarkdown: 'B' } });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'scope_missing');
  });

  it('record when they were last used, at most once a minute', async (t) => {
    const ctx = await buildTestApp(t);
    const { secret } = await makeToken(ctx, 'moderator', ['comments:read']);
    const lastUsed = async () => (await ctx.dateline.database.db.selectFrom('api_tokens').select('last_used_at').executeTakeFirstOrThrow()).last_used_at;
    assert.equal(await lastUsed(), null);
    await call(ctx.app, 'GET', '/api/v1/moderation/comments', { token: secret });
    const first = Number(await lastUsed());
    assert.equal(first, ctx.clock.now().getTime());
    ctx.clock.advance(30);
    await call(ctx.app, 'GET', '/api/v1/moderation/comments', { token: secret });
    assert.equal(Number(await lastUsed()), first);
    ctx.clock.advance(31);
    await call(ctx.app, 'GET', '/api/v1/moderation/comments', { token: secret });
    assert.equal(Number(await lastUsed()), ctx.clock.now().getTime());
  });

  it('of one staff member cannot be revoked by another who is not an admin', async (t) => {
    const ctx = await buildTestApp(t);
    await makeToken(ctx, 'editor', ['comments:read']);
    const other = await ctx.signIn('moderator');
    const [row] = await ctx.dateline.database.db.selectFrom('api_tokens').select('id').execute();
    const res = await ctx.app.inject({ method: 'POST', url: '/admin/api-tokens/revoke', payload: new URLSearchParams({ _csrf: other.csrf, id: String(row!.id) }).toString(), headers: { cookie: other.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.statusCode, 404);
    const still = await ctx.dateline.database.db.selectFrom('api_tokens').select('revoked_at').executeTakeFirstOrThrow();
    assert.equal(still.revoked_at, null);
  });
});

describe('GET /api/v1/moderation/comments', () => {
  it('lists held comments newest first with reasons and emails, paged by `before`', async (t) => {
    const ctx = await buildTestApp(t, { settings: { ...openSettings, holdAllComments: true } });
    const { article } = await ctx.publishSeedArticle();
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await postComment(ctx.app, article.id, { comment: `Held ${i}`, email: `h${i}@example.com` }));
      ctx.clock.advance(1);
    }
    const { secret } = await makeToken(ctx, 'moderator', ['comments:read']);
    const first = await call(ctx.app, 'GET', '/api/v1/moderation/comments?limit=2', { token: secret });
    assert.equal(first.status, 200);
    assert.deepEqual(first.json.items.map((i: { comment: { id: number } }) => i.comment.id), [ids[2], ids[1]]);
    assert.equal(first.json.items[0].comment.authorEmail, 'h2@example.com');
    assert.ok(first.json.items[0].comment.reasons.length > 0);
    assert.equal(first.json.counts.pending, 3);
    const second = await call(ctx.app, 'GET', `/api/v1/moderation/comments?limit=2&before=${first.json.nextBefore}`, { token: secret });
    assert.deepEqual(second.json.items.map((i: { comment: { id: number } }) => i.comment.id), [ids[0]]);
    assert.equal(second.json.nextBefore, null);
  });
});

describe('POST /api/v1/comments/{id}/moderation', () => {
  it('approves a held comment, logged as the token’s owner', async (t) => {
    const ctx = await buildTestApp(t, { settings: { ...openSettings, holdAllComments: true } });
    const { article } = await ctx.publishSeedArticle();
    const id = await postComment(ctx.app, article.id);
    const { secret, staff } = await makeToken(ctx, 'moderator', ['comments:moderate']);
    const res = await call(ctx.app, 'POST', `/api/v1/comments/${id}/moderation`, { token: secret, body: { action: 'approve', reason: 'fine' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { id, status: 'approved' });
    const log = await ctx.dateline.database.db.selectFrom('moderation_log').selectAll().where('comment_id', '=', id).where('action', '=', 'approve').executeTakeFirstOrThrow();
    assert.equal(log.actor, `staff:${staff.id}:${staff.name}`);
    assert.equal(log.reason, 'fine');
    assert.equal((await call(ctx.app, 'GET', `/api/v1/comments/${id}`)).status, 200);
  });

  it('answers 403 transition_not_allowed, 404 comment_not_found and 400 for an unknown action', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle();
    const id = await postComment(ctx.app, article.id);
    const { secret } = await makeToken(ctx, 'admin', ['comments:moderate']);
    const again = await call(ctx.app, 'POST', `/api/v1/comments/${id}/moderation`, { token: secret, body: { action: 'approve' } });
    assert.equal(again.status, 403);
    assert.equal(again.json.error.code, 'transition_not_allowed');
    assert.equal((await call(ctx.app, 'POST', '/api/v1/comments/999/moderation', { token: secret, body: { action: 'spam' } })).json.error.code, 'comment_not_found');
    assert.equal((await call(ctx.app, 'POST', `/api/v1/comments/${id}/moderation`, { token: secret, body: { action: 'explode' } })).status, 400);
  });

  it('is refused to a token without comments:moderate', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle();
    const id = await postComment(ctx.app, article.id);
    const { secret } = await makeToken(ctx, 'admin', ['comments:read']);
    const res = await call(ctx.app, 'POST', `/api/v1/comments/${id}/moderation`, { token: secret, body: { action: 'trash' } });
    assert.equal(res.status, 403);
    assert.equal((await ctx.dateline.stores.comments.findById(id as never))?.status, 'approved');
  });
});

describe('POST /api/v1/articles', () => {
  it('creates an article by the token’s owner: 201, Location, a revision, the page live', async (t) => {
    const ctx = await buildTestApp(t);
    const { secret, staff } = await makeToken(ctx, 'editor', ['articles:write']);
    const res = await call(ctx.app, 'POST', '/api/v1/articles', { token: secret, body: { title: 'Harbour reopens', bodyMarkdown: 'Ships are **back**.', tags: ['Harbour', 'Shipping'], section: 'Local' } });
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, `/api/v1/articles/${res.json.id}`);
    assert.equal(res.json.slug, 'harbour-reopens');
    assert.equal(res.json.byline, staff.name);
    assert.deepEqual(res.json.tags, ['Harbour', 'Shipping']);
    assert.equal((await ctx.app.inject(res.json.path)).statusCode, 200);
    const [revision] = await ctx.dateline.stores.articles.listRevisions(res.json.id);
    assert.equal(revision?.savedBy, staff.name);
  });

  it('answers 422 with every field error, and 409 slug_taken', async (t) => {
    const ctx = await buildTestApp(t);
    const { secret } = await makeToken(ctx, 'admin', ['articles:write']);
    const invalid = await call(ctx.app, 'POST', '/api/v1/articles', { token: secret, body: { title: ' ', slug: 'Bad Slug', bodyMarkdown: 'x' } });
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.json.error.errors.map((e: { field: string }) => e.field).sort(), ['slug', 'title']);
    await ctx.publishSeedArticle(undefined, { slug: 'taken' });
    const taken = await call(ctx.app, 'POST', '/api/v1/articles', { token: secret, body: { title: 'T', slug: 'taken', bodyMarkdown: 'x' } });
    assert.equal(taken.status, 409);
    assert.equal(taken.json.error.code, 'slug_taken');
  });
});

describe('PATCH /api/v1/articles/{id}', () => {
  it('changes only the fields sent, and 404s an unknown article', async (t) => {
    const ctx = await buildTestApp(t);
    const { article } = await ctx.publishSeedArticle();
    const { secret } = await makeToken(ctx, 'editor', ['articles:write']);
    const res = await call(ctx.app, 'PATCH', `/api/v1/articles/${article.id}`, { token: secret, body: { commentsOpen: false, summary: 'New standfirst' } });
    assert.equal(res.status, 200);
    assert.equal(res.json.commentsOpen, false);
    assert.equal(res.json.summary, 'New standfirst');
    assert.equal(res.json.title, article.title);
    assert.equal(res.json.bodyMarkdown, article.bodyMarkdown);
    assert.equal(res.json.publishedAt, article.publishedAt.toISOString());
    const missing = await call(ctx.app, 'PATCH', '/api/v1/articles/999', { token: secret, body: { title: 'x' } });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'article_not_found');
  });
});

