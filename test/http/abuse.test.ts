// Keeping bots out without losing a person's words: the honeypot field and the signed form
// token hold a suspicious comment (never drop it); past a rate limit the reader gets a puzzle
// their browser solves (or chooses moderation instead), with their text kept.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { commentId } from '../../src/domain/ids.ts';
import type { DiscussionSettings } from '../../src/domain/settings.ts';
import { buildTestApp, commentForm } from '../support/build-test-app.ts';

async function setUp(t: TestContext, settings: Partial<DiscussionSettings> = {}) {
  const ctx = await buildTestApp(t, { settings: { requirePreviouslyApproved: false, floodIntervalSeconds: 0, ...settings } });
  const { article, path } = await ctx.publishSeedArticle();
  const post = (fields: Record<string, string>, ip = '198.51.100.7') =>
    ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, fields)).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: ip });
  /** The form token of the page as a reader gets it now. */
  const formToken = async () => /name="dateline_form" value="([^"]+)"/.exec((await ctx.app.inject(path)).body)?.[1] ?? assert.fail('no form token on the page');
  const statusOf = async (location: unknown) => {
    const c = await ctx.dateline.stores.comments.findById(commentId(Number(/#comment-(\d+)$/.exec(String(location))?.[1])));
    return { status: c?.status, reasons: c?.reasons.map((r) => r.code) ?? [] };
  };
  return { ...ctx, article, path, post, formToken, statusOf };
}

/** Finds the nonce a browser would (SHA-256 of token:nonce with `bits` leading zero bits). */
function solve(token: string, bits: number): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(`${token}:${n}`).digest();
    const zeros = digest.readUInt32BE(0) === 0 ? 32 : Math.clz32(digest.readUInt32BE(0));
    if (zeros >= bits) return String(n);
  }
}

const challengeOf = (html: string) => {
  const token = /name="pow_token" value="([^"]+)"/.exec(html)?.[1];
  const bits = Number(/data-pow-difficulty="(\d+)"/.exec(html)?.[1]);
  assert.ok(token && bits > 0, 'the page offers a puzzle');
  return { token, bits };
};

describe('signs of a bot', () => {
  it('holds a comment whose hidden honeypot field was filled in', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.post({ hp_website: 'http://spam.example', dateline_form: await ctx.formToken() });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await ctx.statusOf(res.headers.location), { status: 'pending', reasons: ['honeypot_filled'] });
  });

  it('holds a comment posted within 3 seconds of the form being shown, and lets a reader who took their time through', async (t) => {
    const ctx = await setUp(t);
    const token = await ctx.formToken();
    const fast = await ctx.post({ comment: 'Too quick.', dateline_form: token });
    assert.deepEqual(await ctx.statusOf(fast.headers.location), { status: 'pending', reasons: ['form_too_fast'] });
    ctx.clock.advance(40);
    const calm = await ctx.post({ comment: 'I read the article first.', dateline_form: token });
    assert.deepEqual(await ctx.statusOf(calm.headers.location), { status: 'approved', reasons: [] });
  });

  it('holds a comment with a forged form token, and does not hold one with none', async (t) => {
    const ctx = await setUp(t);
    const forged = await ctx.post({ comment: 'Forged.', dateline_form: 'eyJhIjoxLCJ0IjowfQ.bm90LWEtbWFj' });
    assert.deepEqual(await ctx.statusOf(forged.headers.location), { status: 'pending', reasons: ['form_token_invalid'] });
    const none = await ctx.post({ comment: 'From an old theme, no token.' }, '198.51.100.8');
    assert.equal((await ctx.statusOf(none.headers.location)).status, 'approved');
  });
});

describe('rate limits', () => {
  it('asks for a puzzle past the limit with the text kept, and accepts the solved puzzle for that text only', async (t) => {
    const ctx = await setUp(t, { rateLimitPerHour: 2 });
    for (const n of [1, 2]) assert.equal((await ctx.post({ comment: `Comment ${n}.` })).statusCode, 303);
    const limited = await ctx.post({ comment: 'The third, from the same address.' });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /The third, from the same address\./);
    assert.match(limited.body, /Send my comment to a moderator instead/);
    const { token, bits } = challengeOf(limited.body);

    const wrong = await ctx.post({ comment: 'The third, from the same address.', pow_token: token, pow_nonce: 'not-a-solution' });
    assert.equal(wrong.statusCode, 429);
    const nonce = solve(token, bits);
    const other = await ctx.post({ comment: 'A different text with the same answer.', pow_token: token, pow_nonce: nonce });
    assert.equal(other.statusCode, 429, 'a solution is for the text it was asked for');
    const solved = await ctx.post({ comment: 'The third, from the same address.', pow_token: token, pow_nonce: nonce });
    assert.equal(solved.statusCode, 303);
    assert.equal((await ctx.statusOf(solved.headers.location)).status, 'approved');
  });

  it('holds the comment for a moderator when the reader chooses that over the puzzle', async (t) => {
    const ctx = await setUp(t, { rateLimitPerHour: 1 });
    await ctx.post({ comment: 'First.' });
    const held = await ctx.post({ comment: 'Second, no JavaScript here.', hold_if_limited: '1' });
    assert.equal(held.statusCode, 303);
    assert.deepEqual(await ctx.statusOf(held.headers.location), { status: 'pending', reasons: ['rate_limited_held'] });
  });

  it('limits comments per email across addresses, and per article across commenters', async (t) => {
    const ctx = await setUp(t, { rateLimitPerHour: 2, rateLimitPerArticlePerMinute: 3 });
    await ctx.post({ comment: 'One.', email: 'ada@example.com' }, '203.0.113.1');
    await ctx.post({ comment: 'Two.', email: 'ada@example.com' }, '203.0.113.2');
    assert.equal((await ctx.post({ comment: 'Three.', email: 'ada@example.com' }, '203.0.113.3')).statusCode, 429, 'same email, new address');
    await ctx.post({ comment: 'Bo speaks.', email: 'bo@example.com' }, '203.0.113.4');
    assert.equal((await ctx.post({ comment: 'Cy speaks.', email: 'cy@example.com' }, '203.0.113.5')).statusCode, 429, 'a fourth comment on the article within the minute');
    ctx.clock.advance(61);
    assert.equal((await ctx.post({ comment: 'Cy speaks.', email: 'cy@example.com' }, '203.0.113.5')).statusCode, 303);
  });

  it('does not limit staff and shell submissions, which are not form posts', async (t) => {
    const ctx = await setUp(t, { rateLimitPerHour: 1, rateLimitPerArticlePerMinute: 1 });
    for (const n of [1, 2, 3]) {
      const { comment } = await ctx.dateline.services.submitComment({ articleId: ctx.article.id, parentId: null, authorName: 'Seed', authorEmail: 'seed@example.com', authorUrl: '', bodyText: `Seeded ${n}.`, ip: '192.0.2.1', userAgent: 'test' });
      assert.equal(comment.status, 'approved');
    }
  });
});
