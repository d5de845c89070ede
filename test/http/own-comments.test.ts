// A commenter edits or deletes their own comment from the same browser, without an account:
// the signed cookie, the edit window, screening of the new text, the revisions staff keep, the
// "[deleted]" placeholder, and every refusal keeping the reader's text.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { commentId } from '../../src/domain/ids.ts';
import { maxEditsPerComment } from '../../src/domain/own-comment.ts';
import { buildTestApp, commentForm, cookieHeader } from '../support/build-test-app.ts';

const openSettings = { requirePreviouslyApproved: false, floodIntervalSeconds: 0, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0 };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function setUp(t: TestContext, settings: Record<string, unknown> = {}) {
  const ctx = await buildTestApp(t, { settings: { ...openSettings, ...settings } });
  const { article, path } = await ctx.publishSeedArticle();
  let n = 0;
  /** Posts a comment from its own address; returns its id and the browser's cookies. */
  async function post(fields: Record<string, string> = {}) {
    const res = await ctx.app.inject({ method: 'POST', url: '/comments', headers: form, payload: new URLSearchParams(commentForm(article, fields)).toString(), remoteAddress: `198.51.100.${++n}` });
    assert.equal(res.statusCode, 303, res.body);
    return { id: Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]), cookie: cookieHeader(res) };
  }
  const page = (cookie?: string) => ctx.app.inject({ url: path, headers: cookie ? { cookie } : {} });
  /** Opens the edit page and posts the new text with its form token. */
  async function edit(id: number, cookie: string, text: string) {
    const shown = await ctx.app.inject({ url: `/comments/${id}/edit`, headers: { cookie } });
    const token = /name="dateline_form" value="([^"]+)"/.exec(shown.body)?.[1] ?? '';
    return ctx.app.inject({ method: 'POST', url: `/comments/${id}/edit`, headers: { ...form, cookie }, payload: new URLSearchParams({ comment: text, dateline_form: token }).toString() });
  }
  async function remove(id: number, cookie: string) {
    const shown = await ctx.app.inject({ url: `/comments/${id}/delete`, headers: { cookie } });
    assert.equal(shown.statusCode, 200, shown.body);
    const token = /name="dateline_form" value="([^"]+)"/.exec(shown.body)?.[1] ?? '';
    return ctx.app.inject({ method: 'POST', url: `/comments/${id}/delete`, headers: { ...form, cookie }, payload: new URLSearchParams({ dateline_form: token }).toString() });
  }
  const stored = (id: number) => ctx.dateline.stores.comments.findById(commentId(id));
  return { ...ctx, article, path, post, page, edit, remove, stored };
}

describe('a commenter’s own comment', () => {
  it('shows Edit and Delete to its author on a personal page, and to nobody else', async (t) => {
    const ctx = await setUp(t);
    const { id, cookie } = await ctx.post();
    assert.match(cookie, /dateline_own=/);
    const mine = await ctx.page(cookie);
    assert.match(mine.headers['cache-control'] as string, /private, no-store/);
    assert.match(mine.body, new RegExp(`href="/comments/${id}/edit"`));
    assert.match(mine.body, new RegExp(`href="/comments/${id}/delete"`));
    const theirs = await ctx.page();
    assert.doesNotMatch(theirs.body, /\/edit"/);
    assert.match(theirs.body, new RegExp(`href="/comments/${id}/report"`));
  });

  it('edits within the window: new text shown to everyone, marked edited with the time, the old text kept for staff', async (t) => {
    const ctx = await setUp(t);
    const { id, cookie } = await ctx.post({ comment: 'Teh first version.' });
    const before = await ctx.page(); // fills the page cache
    assert.match(before.body, /Teh first version/);
    ctx.clock.advance(120);
    const shown = await ctx.app.inject({ url: `/comments/${id}/edit`, headers: { cookie } });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /<textarea[^>]*name="comment"[^>]*>Teh first version\.<\/textarea>/);
    const res = await ctx.edit(id, cookie, 'The *first* version, fixed.');
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `${ctx.path}#comment-${id}`);
    const after = await ctx.page();
    assert.match(after.body, /The <em>first<\/em> version, fixed\./);
    assert.doesNotMatch(after.body, /Teh first version/);
    assert.match(after.body, /class="comment-edited">\(edited <time datetime="2026-11-29T12:02:00.000Z">November 29, 2026 at 12:02 PM<\/time>\)/);
    const revisions = await ctx.dateline.stores.comments.revisionsOf(commentId(id));
    assert.deepEqual(revisions.map((r) => [r.bodyText, r.replacedBy]), [['Teh first version.', 'commenter']]);
    const log = await ctx.dateline.stores.moderationLog.listForComment(commentId(id));
    assert.deepEqual(log.filter((e) => e.action === 'edit').map((e) => [e.actor, e.fromStatus, e.toStatus]), [['commenter', 'approved', 'approved']]);
  });

  it('refuses an edit after the window with 403, keeps the reader’s text and the comment as it was', async (t) => {
    const ctx = await setUp(t);
    const { id, cookie } = await ctx.post({ comment: 'Stays as posted.' });
    const shown = await ctx.app.inject({ url: `/comments/${id}/edit`, headers: { cookie } });
    const token = /name="dateline_form" value="([^"]+)"/.exec(shown.body)?.[1] ?? '';
    ctx.clock.advance(15 * 60 + 1);
    const res = await ctx.app.inject({ method: 'POST', url: `/comments/${id}/edit`, headers: { ...form, cookie }, payload: new URLSearchParams({ comment: 'Too late & changed', dateline_form: token }).toString() });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /The time to edit or delete this comment has passed/);
    assert.match(res.body, /<textarea id="kept-comment" readonly rows="8">Too late &amp; changed<\/textarea>/);
    assert.equal((await ctx.stored(id))?.bodyText, 'Stays as posted.');
    assert.doesNotMatch((await ctx.page(cookie)).body, new RegExp(`/comments/${id}/edit`), 'no Edit link once the window closed');
  });

  it('refuses another browser, and a forged cookie, with 403', async (t) => {
    const ctx = await setUp(t);
    const { id } = await ctx.post();
    const other = await ctx.post({ comment: 'Someone else’s comment.' });
    const stranger = await ctx.edit(id, other.cookie, 'Hijacked');
    assert.equal(stranger.statusCode, 403);
    assert.match(stranger.body, /Only the person who wrote a comment can change it/);
    const forged = `dateline_own=${Buffer.from(JSON.stringify([[id, Date.now() + 1e9]])).toString('base64url')}.forged`;
    assert.equal((await ctx.edit(id, forged, 'Hijacked')).statusCode, 403);
    assert.equal((await ctx.remove(id, forged).catch(() => ({ statusCode: 403 }))).statusCode, 403);
    assert.notEqual((await ctx.stored(id))?.bodyText, 'Hijacked');
  });

  it('sends an approved comment whose new text trips a hold check back to pending, still shown to its author', async (t) => {
    const ctx = await setUp(t, { maxLinks: 2 });
    const { id, cookie } = await ctx.post({ comment: 'Plain words.' });
    const res = await ctx.edit(id, cookie, 'Buy at https://a.example and https://b.example now');
    assert.equal(res.statusCode, 303);
    const comment = await ctx.stored(id);
    assert.equal(comment?.status, 'pending');
    assert.deepEqual(comment?.reasons.map((r) => r.check), ['link-count']);
    assert.doesNotMatch((await ctx.page()).body, /a\.example/);
    const mine = await ctx.page(`${cookie}; ${cookieHeader(res)}`);
    assert.match(mine.body, /Buy at/);
    assert.match(mine.body, /awaiting moderation/);
    const log = await ctx.dateline.stores.moderationLog.listForComment(commentId(id));
    assert.deepEqual(log.filter((e) => e.action === 'edit').map((e) => [e.actor, e.fromStatus, e.toStatus]), [['commenter', 'approved', 'pending']]);
  });

  it('keeps the form with a 422 for an empty edit, losing nothing', async (t) => {
    const ctx = await setUp(t);
    const { id, cookie } = await ctx.post({ comment: 'Something worth keeping.' });
    const res = await ctx.edit(id, cookie, '   ');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Please type your comment/);
    assert.equal((await ctx.stored(id))?.bodyText, 'Something worth keeping.');
  });

  it(`refuses edits past ${maxEditsPerComment} with 429`, async (t) => {
    const ctx = await setUp(t);
    const { id, cookie } = await ctx.post({ comment: 'Version 0' });
    for (let i = 1; i <= maxEditsPerComment; i++) assert.equal((await ctx.edit(id, cookie, `Version ${i}`)).statusCode, 303);
    const res = await ctx.edit(id, cookie, 'One too many');
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /One too many/);
  });

  it('leaves a "[deleted]" placeholder without the author’s details when the comment has an approved reply', async (t) => {
    const ctx = await setUp(t);
    const { id, cookie } = await ctx.post({ comment: 'A view I regret.', author: 'Regretful Reader', email: 'regret@example.com', url: 'regret.example.org' });
    await ctx.post({ comment: 'A reply that stays.', comment_parent: String(id), author: 'Replier', email: 'replier@example.com' });
    const res = await ctx.remove(id, cookie);
    assert.equal(res.statusCode, 303, res.body);
    assert.match(String(res.headers['set-cookie']), /dateline_own=;/, 'the browser forgets the deleted comment');
    const page = (await ctx.page()).body;
    assert.match(page, new RegExp(`<li id="comment-${id}"[\\s\\S]*\\[deleted\\][\\s\\S]*A reply that stays`));
    assert.doesNotMatch(page, /Regretful Reader|A view I regret|regret\.example\.org/);
    const stored = await ctx.stored(id);
    assert.deepEqual([stored?.status, stored?.authorEmail, stored?.authorUrl], ['approved', '', null]);
    const log = await ctx.dateline.stores.moderationLog.listForComment(commentId(id));
    assert.deepEqual(log.filter((e) => e.action === 'delete').map((e) => [e.actor, e.toStatus]), [['commenter', 'approved']]);
    assert.equal((await ctx.edit(id, cookie, 'Back from the dead')).statusCode, 404, 'a copied cookie cannot bring it back');
  });

  it('trashes a comment without replies and removes it from the page', async (t) => {
    const ctx = await setUp(t);
    const { id, cookie } = await ctx.post({ comment: 'Posted in haste.' });
    assert.match((await ctx.page()).body, /Posted in haste/);
    const res = await ctx.remove(id, cookie);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${ctx.path}#comments`);
    assert.doesNotMatch((await ctx.page()).body, /Posted in haste/);
    assert.equal((await ctx.stored(id))?.status, 'trash');
    const log = await ctx.dateline.stores.moderationLog.listForComment(commentId(id));
    assert.deepEqual(log.filter((e) => e.action === 'delete').map((e) => [e.actor, e.fromStatus, e.toStatus]), [['commenter', 'approved', 'trash']]);
  });

  it('sets no edit cookie when editing is turned off', async (t) => {
    const ctx = await setUp(t, { editWindowMinutes: 0 });
    const { cookie } = await ctx.post();
    assert.doesNotMatch(cookie, /dateline_own/);
  });
});
