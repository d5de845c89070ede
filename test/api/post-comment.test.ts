// Posting a comment through the API follows the article form's rules and statuses: every field
// error at once (422), duplicates (409), closed articles (403), flood control and rate limits
// (429, with the same puzzle or the choice to be held), 201 with Location for approved and held.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { proofBits } from '../../src/comments/form-token.ts';
import { buildTestApp } from '../support/build-test-app.ts';
import { call, openSettings } from './api-test-kit.ts';

const comment = (fields: Record<string, unknown> = {}) => ({ comment: 'A fair point, well made.', author: 'Ann Reader', email: 'ann@example.com', ...fields });

function solve(token: string, difficulty: number): string {
  for (let n = 0; ; n++) if (proofBits(token, String(n)) >= difficulty) return String(n);
}

describe('POST /api/v1/articles/{id}/comments', () => {
  it('answers 201 with Location and status approved for a comment the checks let through', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article, path } = await ctx.publishSeedArticle();
    const res = await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: comment() });
    assert.equal(res.status, 201);
    assert.equal(res.json.status, 'approved');
    assert.equal(res.headers.location, `/api/v1/comments/${res.json.id}`);
    assert.ok(res.json.url.endsWith(`${path}#comment-${res.json.id}`));
    assert.equal((await call(ctx.app, 'GET', String(res.headers.location))).status, 200);
  });

  it('answers 201 with status pending for a held comment, which nobody else sees', async (t) => {
    const ctx = await buildTestApp(t); // a first-time commenter is held
    const { article } = await ctx.publishSeedArticle();
    const res = await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: comment() });
    assert.equal(res.status, 201);
    assert.equal(res.json.status, 'pending');
    assert.equal(res.json.url, null);
    assert.equal((await call(ctx.app, 'GET', String(res.headers.location))).status, 404);
    const thread = await call(ctx.app, 'GET', `/api/v1/articles/${article.id}/comments`);
    assert.equal(thread.json.approvedCount, 0);
    const stored = await ctx.dateline.stores.comments.findById(res.json.id);
    assert.equal(stored?.status, 'pending');
  });

  it('answers 422 listing every field error at once, with the form’s codes', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle();
    const res = await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: { comment: '  ', email: 'not-an-email', url: 'javascript:alert(1)' } });
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json.error.errors.map((e: { code: string; field: string }) => `${e.field}:${e.code}`).sort(),
      ['author:name_required', 'comment:comment_required', 'email:email_invalid', 'url:url_invalid'],
    );
    assert.ok(res.json.error.errors.every((e: { message: string }) => e.message.length > 0));
  });

  it('answers 422 parent_invalid on parentId for a reply to a comment that is not approved', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle();
    const res = await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: comment({ parentId: 4242 }) });
    assert.equal(res.status, 422);
    assert.equal(res.json.error.code, 'parent_invalid');
    assert.equal(res.json.error.field, 'parentId');
  });

  it('answers 409 duplicate_comment for the same comment twice', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle();
    assert.equal((await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: comment() })).status, 201);
    const again = await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: comment() });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'duplicate_comment');
  });

  it('answers 403 comments_closed on a closed article, and 404 on an article that is not public', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle(undefined, { commentsOpen: false });
    const closed = await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: comment() });
    assert.equal(closed.status, 403);
    assert.equal(closed.json.error.code, 'comments_closed');
    const draft = await ctx.publishSeedArticle(undefined, { slug: 'draft', status: 'draft' });
    const missing = await call(ctx.app, 'POST', `/api/v1/articles/${draft.article.id}/comments`, { body: comment() });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'article_not_found');
  });

  it('answers 429 comment_flood with Retry-After to a second comment within seconds', async (t) => {
    const ctx = await buildTestApp(t, { settings: { ...openSettings, floodIntervalSeconds: 15 } });
    const { article } = await ctx.publishSeedArticle();
    await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: comment() });
    const res = await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: comment({ comment: 'And another thing.' }) });
    assert.equal(res.status, 429);
    assert.equal(res.json.error.code, 'comment_flood');
    assert.equal(res.headers['retry-after'], '15');
  });

  it('applies the form’s rate limits: over one, a 429 with a puzzle; solved, or held on request, the comment goes in', async (t) => {
    const ctx = await buildTestApp(t, { settings: { ...openSettings, rateLimitPerHour: 2 } });
    const { article } = await ctx.publishSeedArticle();
    const url = `/api/v1/articles/${article.id}/comments`;
    for (let i = 0; i < 2; i++) assert.equal((await call(ctx.app, 'POST', url, { body: comment({ comment: `Comment ${i}`, email: `r${i}@example.com` }) })).status, 201);
    const body = comment({ comment: 'One more', email: 'r9@example.com' });
    const limited = await call(ctx.app, 'POST', url, { body });
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    const { token, difficulty } = limited.json.error.challenge;
    assert.ok(token && difficulty > 0);

    const held = await call(ctx.app, 'POST', url, { body: { ...body, holdIfLimited: true } });
    assert.equal(held.status, 201);
    assert.equal(held.json.status, 'pending');

    const wrong = await call(ctx.app, 'POST', url, { body: { ...body, comment: 'Different text', challenge: { token, nonce: solve(token, difficulty) } } });
    assert.equal(wrong.status, 429, 'a puzzle is bound to the text it was given for');
    const solved = await call(ctx.app, 'POST', url, { body: { ...body, comment: 'One more', email: 'r10@example.com', challenge: { token, nonce: solve(token, difficulty) } } });
    assert.equal(solved.status, 201);
    assert.equal(solved.json.status, 'approved');
  });

  it('answers 400 json_invalid to malformed JSON, 400 request_invalid to a wrong type, 415 to a form body and 413 to a huge one', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article } = await ctx.publishSeedArticle();
    const url = `/api/v1/articles/${article.id}/comments`;
    const malformed = await ctx.app.inject({ method: 'POST', url, payload: '{"comment": "unterminated', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, 'json_invalid');
    const wrongType = await call(ctx.app, 'POST', url, { body: { comment: { nested: true } } });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.json.error.code, 'request_invalid');
    const form = await ctx.app.inject({ method: 'POST', url, payload: 'comment=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.statusCode, 415);
    assert.equal(form.json().error.code, 'media_type_unsupported');
    const huge = await call(ctx.app, 'POST', url, { body: comment({ comment: 'x'.repeat(2 * 1024 * 1024) }) });
    assert.equal(huge.status, 413);
    assert.equal(huge.json.error.code, 'body_too_large');
    for (const r of [malformed.body, wrongType.body, form.body, huge.body]) assert.doesNotMatch(r, /at .*\.(ts|js):\d+/, 'no stack trace');
  });

  it('answers JSON 404 route_not_found for an address the API does not have', async (t) => {
    const ctx = await buildTestApp(t);
    for (const url of ['/api/v1/nothing', '/api/v2/articles', '/api/']) {
      const res = await call(ctx.app, 'GET', url);
      assert.equal(res.status, 404, url);
      assert.equal(res.json.error.code, 'route_not_found');
    }
  });
});
