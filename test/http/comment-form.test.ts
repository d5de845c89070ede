// The "Leave a Reply" form over HTTP: every rule of the issue, each with its status, and the
// promise that nothing typed is lost.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { commentId } from '../../src/domain/ids.ts';
import { buildTestApp, commentForm, cookieHeader, type TestApp } from '../support/build-test-app.ts';

type Form = Record<string, string>;

async function setUp(t: TestContext, options: Parameters<typeof buildTestApp>[1] = {}) {
  const ctx = await buildTestApp(t, options);
  const { article, path } = await ctx.publishSeedArticle();
  return { ...ctx, article, path, post: poster(ctx) };
}

function poster(ctx: TestApp) {
  return (form: Form, options: { ip?: string; cookie?: string } = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: '/comments',
      payload: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.cookie ? { cookie: options.cookie } : {}) },
      remoteAddress: options.ip ?? '192.0.2.10',
    });
}

const idFromLocation = (location: unknown): number => Number(/#comment-(\d+)$/.exec(String(location))?.[1]);

/** Posts a comment by a new author, approves it, and moves the clock past flood control. */
async function approvedComment(ctx: Awaited<ReturnType<typeof setUp>>, fields: Form = {}) {
  const res = await ctx.post(commentForm(ctx.article, fields), { ip: `198.51.100.${Math.floor(Math.random() * 250)}` });
  assert.equal(res.statusCode, 303, res.body);
  const id = idFromLocation(res.headers.location);
  await ctx.dateline.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'test' });
  ctx.clock.advance(60);
  return id;
}

describe('posting the form', () => {
  it('answers 303 to the article with #comment-ID and shows an approved comment to everyone', async (t) => {
    const ctx = await setUp(t);
    await approvedComment(ctx, { comment: 'My first comment.' });
    const res = await ctx.post(commentForm(ctx.article, { comment: 'Hello *everyone*, from a returning reader.' }));
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), new RegExp(`^${ctx.path}#comment-\\d+$`));
    const page = await ctx.app.inject(ctx.path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Hello <em>everyone<\/em>, from a returning reader\./);
    assert.match(page.body, /2 comments on/);
    assert.match(page.body, new RegExp(`id="comment-${idFromLocation(res.headers.location)}"`));
  });

  it('holds a first-time commenter’s comment and shows it only to its author, marked as awaiting moderation', async (t) => {
    const ctx = await setUp(t);
    const before = await ctx.app.inject(ctx.path);
    const res = await ctx.post(commentForm(ctx.article, { comment: 'Is this thing on?' }));
    assert.equal(res.statusCode, 303);
    const id = idFromLocation(res.headers.location);
    const mine = await ctx.app.inject({ url: ctx.path, headers: { cookie: cookieHeader(res) } });
    assert.match(mine.body, /Is this thing on\?/);
    assert.match(mine.body, /Your comment is awaiting moderation/);
    assert.match(mine.headers['cache-control'] as string, /private/);
    const theirs = await ctx.app.inject(ctx.path);
    assert.doesNotMatch(theirs.body, /Is this thing on\?/);
    assert.equal(theirs.body, before.body, 'the public page is unchanged by a held comment');
    const stored = await ctx.dateline.stores.comments.findById(commentId(id));
    assert.equal(stored?.status, 'pending');
    assert.deepEqual(stored?.reasons.map((r) => r.code), ['first_comment']);
  });

  it('stops showing the held comment to its author once the preview window has passed', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.post(commentForm(ctx.article, { comment: 'Short-lived preview.' }));
    ctx.clock.advance(49 * 3600);
    const later = await ctx.app.inject({ url: ctx.path, headers: { cookie: cookieHeader(res) } });
    assert.doesNotMatch(later.body, /Short-lived preview/);
  });

  it('does not let a forged preview cookie reveal someone else’s held comment', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.post(commentForm(ctx.article, { comment: 'Private until approved.' }));
    const id = idFromLocation(res.headers.location);
    const forged = Buffer.from(JSON.stringify([[id, Date.now() + 1e9]])).toString('base64url') + '.forged';
    const page = await ctx.app.inject({ url: ctx.path, headers: { cookie: `dateline_pending=${forged}` } });
    assert.doesNotMatch(page.body, /Private until approved/);
  });

  it('works at WordPress’s address /wp-comments-post.php too', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/wp-comments-post.php',
      payload: new URLSearchParams(commentForm(ctx.article)).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 303);
  });
});

describe('form errors keep what the reader typed', () => {
  it('answers 422 with an error summary, the message beside each field and every value kept', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.post(commentForm(ctx.article, { comment: 'Keep <this> text & more', author: 'Bo', email: 'bo-at-example', url: 'bo.example.org' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /<div class="error-summary" role="alert"/);
    assert.match(res.body, /<span class="field-error" id="email-error">Please enter a valid email address/);
    assert.match(res.body, /aria-invalid="true" aria-describedby="email-notes email-error"/);
    assert.match(res.body, /<textarea[^>]*>Keep &lt;this> text &amp; more<\/textarea>/);
    assert.match(res.body, /id="author" name="author" type="text" value="Bo"/);
    assert.match(res.body, /value="bo-at-example"/);
    assert.match(res.body, /value="bo.example.org"/);
  });

  for (const [name, fields, field, message] of [
    ['an empty comment', { comment: '   ' }, 'comment', /Please type your comment/],
    ['a missing name', { author: '' }, 'author', /Please enter your name/],
    ['a missing email', { email: '' }, 'email', /Please enter your email address/],
    ['a name over 245 bytes', { author: 'ü'.repeat(123) }, 'author', /name is too long/],
    ['an email over 100 bytes', { email: `${'a'.repeat(90)}@example.com` }, 'email', /email address is too long/],
    ['a website over 200 bytes', { url: `https://example.com/${'a'.repeat(190)}` }, 'url', /website address is too long/],
    ['a website that is not http(s)', { url: 'javascript:alert(1)' }, 'url', /web address starting with http/],
    ['a comment over 65,525 bytes', { comment: 'x'.repeat(65_526) }, 'comment', /comment is too long/],
  ] as const) {
    it(`refuses ${name} with 422 on its field`, async (t) => {
      const ctx = await setUp(t);
      const res = await ctx.post(commentForm(ctx.article, fields));
      assert.equal(res.statusCode, 422);
      assert.match(res.body, new RegExp(`id="${field}-error">[^<]*`));
      assert.match(res.body, message);
    });
  }

  it('accepts a name of exactly 245 bytes', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.post(commentForm(ctx.article, { author: 'ü'.repeat(122) + 'x' }));
    assert.equal(res.statusCode, 303);
  });

  it('refuses the same comment twice with 409, keeping the text', async (t) => {
    const ctx = await setUp(t);
    assert.equal((await ctx.post(commentForm(ctx.article, { comment: 'Said once.' }))).statusCode, 303);
    ctx.clock.advance(3600);
    const again = await ctx.post(commentForm(ctx.article, { comment: 'Said once.' }));
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already posted this exact comment/);
    assert.match(again.body, />Said once\.<\/textarea>/);
  });

  it('refuses a second comment within 15 s from the same IP with 429, then accepts it later', async (t) => {
    const ctx = await setUp(t);
    assert.equal((await ctx.post(commentForm(ctx.article, { comment: 'one' }), { ip: '203.0.113.5' })).statusCode, 303);
    ctx.clock.advance(14);
    const fast = await ctx.post(commentForm(ctx.article, { comment: 'two', email: 'other@example.com' }), { ip: '203.0.113.5' });
    assert.equal(fast.statusCode, 429);
    assert.equal(fast.headers['retry-after'], '15');
    assert.match(fast.body, /too quickly/);
    assert.match(fast.body, />two<\/textarea>/);
    ctx.clock.advance(1);
    assert.equal((await ctx.post(commentForm(ctx.article, { comment: 'two', email: 'other@example.com' }), { ip: '203.0.113.5' })).statusCode, 303);
  });

  it('refuses a second comment within 15 s from the same email on another IP with 429', async (t) => {
    const ctx = await setUp(t);
    assert.equal((await ctx.post(commentForm(ctx.article, { comment: 'one' }), { ip: '203.0.113.5' })).statusCode, 303);
    ctx.clock.advance(5);
    assert.equal((await ctx.post(commentForm(ctx.article, { comment: 'two', email: 'ADA@example.com' }), { ip: '203.0.113.99' })).statusCode, 429);
  });

  it('refuses comments on a closed article with 403 and gives the text back', async (t) => {
    const ctx = await setUp(t);
    await ctx.publishSeedArticle(undefined, { commentsOpen: false });
    const res = await ctx.post(commentForm(ctx.article, { comment: 'Too late?' }));
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Comments are closed/);
    assert.match(res.body, /role="alert"/);
    assert.match(res.body, />Too late\?<\/textarea>/);
    assert.doesNotMatch(res.body, /id="commentform"/);
  });

  it('closes comments on old articles when the site says so (403)', async (t) => {
    const ctx = await setUp(t, { settings: { closeCommentsAfterDays: 3 } });
    const res = await ctx.post(commentForm(ctx.article));
    assert.equal(res.statusCode, 403);
  });

  it('answers 404 for an unknown or unpublished article, showing the text typed', async (t) => {
    const ctx = await setUp(t);
    const unknown = await ctx.post(commentForm({ id: 999 } as never, { comment: 'Into the void' }));
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, />Into the void<\/textarea>/);
    assert.equal((await ctx.post(commentForm({ id: 'abc' } as never))).statusCode, 404);
    const { article: draft } = await ctx.publishSeedArticle(undefined, { slug: 'a-draft', status: 'draft' });
    assert.equal((await ctx.post(commentForm(draft))).statusCode, 404);
    const { article: future } = await ctx.publishSeedArticle(undefined, { slug: 'scheduled', publishedAt: new Date('2027-01-01T00:00:00Z') });
    assert.equal((await ctx.post(commentForm(future))).statusCode, 404);
  });

  it('refuses a reply to a held comment or one on another article with 422, offering to post it on its own', async (t) => {
    const ctx = await setUp(t);
    const held = await ctx.post(commentForm(ctx.article, { comment: 'held parent', email: 'p@example.com' }), { ip: '198.51.100.1' });
    const heldId = idFromLocation(held.headers.location);
    const reply = await ctx.post(commentForm(ctx.article, { comment: 'my reply', comment_parent: String(heldId) }));
    assert.equal(reply.statusCode, 422);
    assert.match(reply.body, /not open for replies/);
    assert.match(reply.body, />my reply<\/textarea>/);
    assert.match(reply.body, /name="comment_parent" id="comment_parent" value="0"/);

    const { article: other } = await ctx.publishSeedArticle(undefined, { slug: 'another-story' });
    const otherId = await approvedComment({ ...ctx, article: other }, { comment: 'elsewhere', email: 'o@example.com' });
    const cross = await ctx.post(commentForm(ctx.article, { comment: 'cross reply', comment_parent: String(otherId) }));
    assert.equal(cross.statusCode, 422);
  });

  it('answers 413 with a page, not a stack trace, for a body over the limit', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.post(commentForm(ctx.article, { comment: 'x'.repeat(2 * 1024 * 1024) }));
    assert.equal(res.statusCode, 413);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /too much to send/);
  });

  it('survives repeated fields, odd encodings and garbage without a 5xx', async (t) => {
    const ctx = await setUp(t);
    const bodies = [
      'comment=a&comment=b&author=x&email=x%40example.com&comment_post_ID=1&comment_parent=0',
      'comment=%E0%A4%A&author=%ZZ&email=%C3%28@example.com&comment_post_ID=1',
      'comment=\u0000nul&author=n&email=n@example.com&comment_post_ID=1&comment_parent=-5',
      `comment_post_ID[]=1&comment[a]=b`,
      '',
      '&&&===',
    ];
    for (const payload of bodies) {
      const res = await ctx.app.inject({ method: 'POST', url: '/comments', payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.ok(res.statusCode < 500, `${payload} → ${res.statusCode}`);
      ctx.clock.advance(60);
    }
    const json = await ctx.app.inject({ method: 'POST', url: '/comments', payload: '{"comment":1}', headers: { 'content-type': 'application/json' } });
    assert.ok(json.statusCode < 500);
  });
});

describe('moderation rules on the form', () => {
  it('holds a comment with two links and records why', async (t) => {
    const ctx = await setUp(t);
    await approvedComment(ctx);
    const res = await ctx.post(commentForm(ctx.article, { comment: 'Read https://a.example.org and https://b.example.org' }));
    assert.equal(res.statusCode, 303);
    const stored = await ctx.dateline.stores.comments.findById(commentId(idFromLocation(res.headers.location)));
    assert.equal(stored?.status, 'pending');
    assert.deepEqual(stored?.reasons.map((r) => r.code), ['too_many_links']);
  });

  it('holds a comment with a moderation word', async (t) => {
    const ctx = await setUp(t, { settings: { moderationWords: ['viagra'] } });
    await approvedComment(ctx);
    const res = await ctx.post(commentForm(ctx.article, { comment: 'cheap VIAGRA here' }));
    const stored = await ctx.dateline.stores.comments.findById(commentId(idFromLocation(res.headers.location)));
    assert.equal(stored?.status, 'pending');
    assert.equal(stored?.reasons[0]?.code, 'moderation_word');
  });

  it('sends a comment with a disallowed word to spam silently: the author is told it awaits moderation', async (t) => {
    const ctx = await setUp(t, { settings: { disallowedWords: ['casino'] } });
    await approvedComment(ctx);
    const res = await ctx.post(commentForm(ctx.article, { comment: 'best casino bonus' }));
    assert.equal(res.statusCode, 303);
    const stored = await ctx.dateline.stores.comments.findById(commentId(idFromLocation(res.headers.location)));
    assert.equal(stored?.status, 'spam');
    assert.equal(stored?.reasons[0]?.code, 'disallowed_word');
    const mine = await ctx.app.inject({ url: ctx.path, headers: { cookie: cookieHeader(res) } });
    assert.match(mine.body, /best casino bonus/);
    assert.match(mine.body, /awaiting moderation/);
    assert.doesNotMatch((await ctx.app.inject(ctx.path)).body, /best casino bonus/);
  });

  it('approves a returning commenter once one of their comments was approved (same name and email)', async (t) => {
    const ctx = await setUp(t);
    await approvedComment(ctx, { comment: 'first' });
    const res = await ctx.post(commentForm(ctx.article, { comment: 'second' }));
    const stored = await ctx.dateline.stores.comments.findById(commentId(idFromLocation(res.headers.location)));
    assert.equal(stored?.status, 'approved');
    ctx.clock.advance(60);
    const renamed = await ctx.post(commentForm(ctx.article, { comment: 'third', author: 'Someone Else' }));
    assert.equal((await ctx.dateline.stores.comments.findById(commentId(idFromLocation(renamed.headers.location))))?.status, 'pending');
  });
});

describe('threads and replies', () => {
  it('nests replies to depth 5 and shows deeper ones at the last level', async (t) => {
    const ctx = await setUp(t);
    let parent = 0;
    const ids: number[] = [];
    for (let depth = 1; depth <= 7; depth++) {
      parent = await approvedComment(ctx, { comment: `level ${depth}`, comment_parent: String(parent), email: `d${depth}@example.com` });
      ids.push(parent);
    }
    const page = (await ctx.app.inject(ctx.path)).body;
    for (let i = 0; i < 5; i++) assert.match(page, new RegExp(`id="comment-${ids[i]}" class="comment depth-${i + 1}"`));
    assert.match(page, new RegExp(`id="comment-${ids[5]}" class="comment depth-5"`));
    assert.match(page, new RegExp(`id="comment-${ids[6]}" class="comment depth-5"`));
  });

  it('renders the form as a reply with ?replytocom=ID, without JavaScript', async (t) => {
    const ctx = await setUp(t);
    const id = await approvedComment(ctx, { author: 'Grace' });
    const page = await ctx.app.inject(`${ctx.path}?replytocom=${id}`);
    assert.match(page.body, new RegExp(`Leave a Reply to <a href="#comment-${id}">Grace</a>`));
    assert.match(page.body, new RegExp(`name="comment_parent" id="comment_parent" value="${id}"`));
    const ignored = await ctx.app.inject(`${ctx.path}?replytocom=99999`);
    assert.match(ignored.body, /name="comment_parent" id="comment_parent" value="0"/);
  });

  it('links an author’s name to their website with rel="nofollow ugc"', async (t) => {
    const ctx = await setUp(t);
    await approvedComment(ctx, { author: 'Lin', url: 'lin.example.net' });
    assert.match((await ctx.app.inject(ctx.path)).body, /<a href="https:\/\/lin.example.net\/" rel="nofollow ugc">Lin<\/a>/);
  });
});

describe('remembering the commenter', () => {
  it('remembers name, email and website only when the consent box is ticked, and prefills the form', async (t) => {
    const ctx = await setUp(t);
    const ticked = await ctx.post(commentForm(ctx.article, { author: 'Kim', email: 'kim@example.com', url: 'kim.example', 'wp-comment-cookies-consent': 'yes' }));
    const remembered = ticked.cookies.find((c) => c.name === 'dateline_commenter');
    assert.ok(remembered?.value);
    assert.equal(remembered.httpOnly, true);
    assert.equal(remembered.maxAge, 365 * 86_400);
    const page = await ctx.app.inject({ url: ctx.path, headers: { cookie: `dateline_commenter=${remembered.value}` } });
    assert.match(page.body, /id="author" name="author" type="text" value="Kim"/);
    assert.match(page.body, /value="kim@example.com"/);
    assert.match(page.body, /value="https:\/\/kim.example\/"/);
    assert.match(page.body, /name="wp-comment-cookies-consent" type="checkbox" value="yes" checked/);
    const other = await ctx.app.inject(ctx.path);
    assert.doesNotMatch(other.body, /kim@example.com|value="Kim"/);
  });

  it('clears the remembered details when the box is left unticked', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.post(commentForm(ctx.article));
    const cleared = res.cookies.find((c) => c.name === 'dateline_commenter');
    assert.equal(cleared?.value, '');
    assert.ok(cleared.expires && cleared.expires.getTime() <= Date.now());
  });
});
