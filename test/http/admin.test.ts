// The admin area over HTTP: the first admin, signing in and out, the door every admin route
// has (session, role, CSRF), and the desk's work: queue, actions, log, settings, staff.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { commentId } from '../../src/domain/ids.ts';
import { canAccess, roles } from '../../src/domain/staff.ts';
import { adminRoutes } from '../../src/http/admin/admin-routes.ts';
import { buildTestApp, commentForm, type TestApp } from '../support/build-test-app.ts';
import { routesOf } from '../support/routes.ts';

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
};
const post = (app: FastifyInstance, url: string, fields: Record<string, string | string[]>, cookie = '') =>
  app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) } });

/** The admin route table app.ts registers, as [method, url, area]. */
const routes = adminRoutes.map((r) => [r.method, r.url, r.area] as const);


async function heldComment(ctx: TestApp, text = 'Please approve me') {
  const { article } = await ctx.publishSeedArticle();
  const res = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: text })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  ctx.clock.advance(60);
  return { article, id: Number(/comment-(\d+)/.exec(String(res.headers.location))?.[1]) };
}

describe('the door of the admin area', () => {
  it('has every /admin route the app answers in the route table it guards', async (t) => {
    const { app } = await buildTestApp(t);
    const registered = routesOf(app.printRoutes()).filter((r) => r.includes(' /admin/'));
    // Before a session exists: setup, sign-in and the password reset pages.
    const open = ['GET /admin/setup', 'POST /admin/setup', 'GET /admin/login', 'POST /admin/login', 'GET /admin/password-reset', 'POST /admin/password-reset', 'GET /admin/password-reset/:token', 'POST /admin/password-reset/:token'];
    assert.deepEqual(registered.filter((r) => !open.includes(r)).sort(), routes.map(([m, u]) => `${m} ${u}`).sort());
  });

  it('sends a visitor without a session to sign in (GET) or refuses them (POST)', async (t) => {
    const { app } = await buildTestApp(t);
    for (const [method, url] of routes) {
      const res = method === 'GET' ? await app.inject(url) : await post(app, url, {});
      if (method === 'GET') {
        assert.equal(res.statusCode, 303, url);
        assert.equal(res.headers.location, `/admin/login?next=${encodeURIComponent(url)}`);
      } else {
        assert.equal(res.statusCode, 403, `${method} ${url}`);
      }
    }
  });

  it('lets each role reach exactly its areas, and refuses every POST without the CSRF token', async (t) => {
    const ctx = await buildTestApp(t);
    for (const role of roles) {
      const { cookie, csrf } = await ctx.signIn(role);
      for (const [method, url, area] of routes) {
        if (url === '/admin/logout') continue; // signs out: checked below
        const allowed = area === 'any' || canAccess(role, area);
        const res = method === 'GET' ? await ctx.app.inject({ url, headers: { cookie } }) : await post(ctx.app, url, { _csrf: csrf }, cookie);
        // Allowed: anything but a refusal at the door (an empty form may still be a 422).
        if (allowed) assert.ok(res.statusCode !== 403 && res.statusCode < 500 && !String(res.headers.location ?? '').startsWith('/admin/login'), `${role} ${method} ${url} → ${res.statusCode}`);
        else assert.equal(res.statusCode, 403, `${role} ${method} ${url}`);
        if (method === 'POST') {
          const forged = await post(ctx.app, url, { _csrf: 'not-the-token' }, cookie);
          assert.equal(forged.statusCode, 403, `${role} ${method} ${url} with a wrong token`);
          assert.match(forged.body, allowed ? /form has expired/ : /Your role does not give access/);
          const missing = await post(ctx.app, url, {}, cookie);
          assert.equal(missing.statusCode, 403);
        }
      }
    }
  });

  it('answers admin pages with private, no-store and noindex', async (t) => {
    const ctx = await buildTestApp(t);
    const { cookie } = await ctx.signIn('admin');
    const res = await ctx.app.inject({ url: '/admin/comments', headers: { cookie } });
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.equal(res.headers['x-robots-tag'], 'noindex');
  });
});

describe('accounts', () => {
  it('creates the first admin from the one-time setup link, which then stops working', async (t) => {
    const ctx = await buildTestApp(t);
    const token = await ctx.dateline.services.addStaff.issueSetupToken();
    assert.ok(token);
    const page = await ctx.app.inject(`/admin/setup?token=${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Create the first admin/);
    const short = await post(ctx.app, `/admin/setup?token=${token}`, { name: 'Editor in Chief', email: 'chief@newsroom.example', password: 'short', password_again: 'short' });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /at least 10 characters/);
    assert.match(short.body, /value="chief@newsroom.example"/);
    const made = await post(ctx.app, `/admin/setup?token=${token}`, { name: 'Editor in Chief', email: 'chief@newsroom.example', password: 'a long enough password', password_again: 'a long enough password' });
    assert.equal(made.statusCode, 303);
    const session = made.cookies.find((c) => c.name === 'dateline_session');
    assert.ok(session?.httpOnly);
    assert.equal(session.sameSite, 'Lax');
    const dashboard = await ctx.app.inject({ url: '/admin/', headers: { cookie: `dateline_session=${session.value}` } });
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Editor in Chief \(admin\)/);
    assert.equal((await ctx.app.inject(`/admin/setup?token=${token}`)).statusCode, 403);
    assert.equal(await ctx.dateline.services.addStaff.issueSetupToken(), null, 'no new link once an admin exists');
  });

  it('expires the setup link after an hour and refuses a wrong one', async (t) => {
    const ctx = await buildTestApp(t);
    const token = await ctx.dateline.services.addStaff.issueSetupToken();
    assert.equal((await ctx.app.inject('/admin/setup?token=wrong')).statusCode, 403);
    ctx.clock.advance(3601);
    assert.equal((await ctx.app.inject(`/admin/setup?token=${token}`)).statusCode, 403);
  });

  it('signs in with email and password, returns to the page asked for, and signs out for good', async (t) => {
    const ctx = await buildTestApp(t);
    await ctx.dateline.services.addStaff.addStaff({ email: 'mod@newsroom.example', name: 'Mo', role: 'moderator', password: 'correct horse battery' });
    const wrong = await post(ctx.app, '/admin/login', { email: 'mod@newsroom.example', password: 'wrong password!', next: '/admin/comments' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /do not match an account/);
    const ok = await post(ctx.app, '/admin/login', { email: 'MOD@newsroom.example', password: 'correct horse battery', next: '/admin/comments' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/admin/comments');
    const cookie = `dateline_session=${ok.cookies.find((c) => c.name === 'dateline_session')?.value}`;
    const page = await ctx.app.inject({ url: '/admin/comments', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const out = await post(ctx.app, '/admin/logout', { _csrf: csrf }, cookie);
    assert.equal(out.statusCode, 303);
    assert.equal((await ctx.app.inject({ url: '/admin/comments', headers: { cookie } })).statusCode, 303, 'the old cookie is dead');
    const offsite = await post(ctx.app, '/admin/login', { email: 'mod@newsroom.example', password: 'correct horse battery', next: '//evil.example/' });
    assert.equal(offsite.headers.location, '/admin/');
  });

  it('throttles sign-in after five failures for an account, even with the right password', async (t) => {
    const ctx = await buildTestApp(t);
    await ctx.dateline.services.addStaff.addStaff({ email: 'ed@newsroom.example', name: 'Ed', role: 'editor', password: 'correct horse battery' });
    for (let i = 0; i < 5; i++) assert.equal((await post(ctx.app, '/admin/login', { email: 'ed@newsroom.example', password: `guess ${i} guess` })).statusCode, 422);
    const locked = await post(ctx.app, '/admin/login', { email: 'ed@newsroom.example', password: 'correct horse battery' });
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /Too many failed attempts/);
    ctx.clock.advance(15 * 60 + 1);
    assert.equal((await post(ctx.app, '/admin/login', { email: 'ed@newsroom.example', password: 'correct horse battery' })).statusCode, 303);
  });

  it('resets a forgotten password by a one-use mailed link, signing the account out everywhere', async (t) => {
    const ctx = await buildTestApp(t);
    const { cookie, staff } = await ctx.signIn('editor');
    const outbox = join(ctx.dataDir, 'outbox');
    const unknown = await post(ctx.app, '/admin/password-reset', { email: 'nobody@newsroom.example' });
    const known = await post(ctx.app, '/admin/password-reset', { email: staff.email.toUpperCase() });
    assert.equal(unknown.statusCode, 200);
    assert.equal(unknown.body, known.body, 'the answer does not say whether the account exists');
    await ctx.dateline.outboxWorker.deliverDue();
    const mails = await readOutbox(outbox);
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.equal((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address, staff.email);
    const link = /https?:\/\/[^/\s]+(\/admin\/password-reset\/[\w-]+)/.exec(mail.text ?? '')?.[1];
    assert.ok(link, mail.text);
    assert.equal((await ctx.app.inject(link)).statusCode, 200);
    const mismatch = await post(ctx.app, link, { password: 'new password one', password_again: 'new password two' });
    assert.equal(mismatch.statusCode, 422);
    const done = await post(ctx.app, link, { password: 'a brand new password', password_again: 'a brand new password' });
    assert.equal(done.statusCode, 303);
    assert.equal((await ctx.app.inject({ url: '/admin/', headers: { cookie } })).statusCode, 303, 'old sessions are signed out');
    assert.equal((await post(ctx.app, '/admin/login', { email: staff.email, password: 'a brand new password' })).statusCode, 303);
    assert.equal((await ctx.app.inject(link)).statusCode, 403, 'the link works once');
    await post(ctx.app, '/admin/password-reset', { email: staff.email });
    await ctx.dateline.outboxWorker.deliverDue();
    const second = (await readOutbox(outbox)).map((m) => m.text ?? '').find((text) => !text.includes(link));
    const late = /(\/admin\/password-reset\/[\w-]+)/.exec(second ?? '')?.[1];
    ctx.clock.advance(3601);
    assert.equal((await ctx.app.inject(late!)).statusCode, 403, 'and only within the hour');
  });

  it('lets an admin add staff, refusing a taken email with the form kept', async (t) => {
    const ctx = await buildTestApp(t);
    const { cookie, csrf } = await ctx.signIn('admin');
    const added = await post(ctx.app, '/admin/staff', { _csrf: csrf, name: 'Nia', email: 'nia@newsroom.example', role: 'editor', password: 'another long one' }, cookie);
    assert.equal(added.statusCode, 303);
    const again = await post(ctx.app, '/admin/staff', { _csrf: csrf, name: 'Nia Two', email: 'nia@newsroom.example', role: 'editor', password: 'another long one' }, cookie);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already exists/);
    assert.match(again.body, /value="Nia Two"/);
    assert.match((await ctx.app.inject({ url: '/admin/staff', headers: { cookie } })).body, /nia@newsroom.example/);
  });
});

describe('the moderation desk', () => {
  it('shows a held comment with its article, author history and reasons, and approving it publishes it and logs who', async (t) => {
    const ctx = await buildTestApp(t);
    const { id } = await heldComment(ctx);
    const { cookie, csrf, staff } = await ctx.signIn('moderator');
    const queue = await ctx.app.inject({ url: '/admin/comments', headers: { cookie } });
    assert.match(queue.body, /Pending <span class="count">1<\/span>/);
    assert.match(queue.body, /Please approve me/);
    assert.match(queue.body, /no approved comment yet with this name and email/);
    assert.match(queue.body, /0 approved · 1 pending · 0 spam/);
    assert.match(queue.body, /North Korean Soldiers Return/);
    const acted = await post(ctx.app, '/admin/comments?status=pending', { _csrf: csrf, one: `approve:${id}` }, cookie);
    assert.equal(acted.statusCode, 303);
    assert.match(String(acted.headers.location), /done=1/);
    const { path } = await ctx.publishSeedArticle();
    assert.match((await ctx.app.inject(path)).body, /Please approve me/);
    const log = await ctx.dateline.stores.moderationLog.listForComment(commentId(id));
    assert.deepEqual(log.map((e) => [e.action, e.actor]), [
      ['screen', 'system:screening'], // the automatic verdict is logged too
      ['approve', `staff:${staff.id}:${staff.name}`],
    ]);
    assert.match(log[0]?.reason ?? '', /no approved comment yet/);
    assert.match((await ctx.app.inject({ url: `/admin/log?comment=${id}`, headers: { cookie } })).body, /pending → approved/);
  });

  it('acts on many comments at once, skipping ones the action does not apply to', async (t) => {
    const ctx = await buildTestApp(t);
    const a = await heldComment(ctx, 'one');
    const b = await heldComment(ctx, 'two');
    await ctx.dateline.services.moderateComment({ commentId: commentId(b.id), action: 'spam', actor: 'test' });
    const { cookie, csrf } = await ctx.signIn('editor');
    const res = await post(ctx.app, '/admin/comments?status=all', { _csrf: csrf, action: 'spam', bulk: '1', ids: [String(a.id), String(b.id)] }, cookie);
    assert.match(String(res.headers.location), /done=1/);
    assert.equal((await ctx.dateline.stores.comments.findById(commentId(a.id)))?.status, 'spam');
    const spamTab = await ctx.app.inject({ url: '/admin/comments?status=spam', headers: { cookie } });
    assert.match(spamTab.body, /Spam <span class="count">2<\/span>/);
  });

  it('filters the queue by author, article and words, and pages through it by keyset', async (t) => {
    const ctx = await buildTestApp(t, { settings: { rateLimitPerArticlePerMinute: 0 } }); // 55 readers within the minute
    const { article } = await ctx.publishSeedArticle();
    const ids: number[] = [];
    for (let i = 0; i < 55; i++) {
      const res = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: `note ${i} ${i % 2 ? 'zebra' : 'lion'}`, email: `r${i}@example.com`, author: i === 3 ? 'Special Name' : `Reader ${i}` })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: `198.51.100.${i}` });
      ids.push(Number(/comment-(\d+)/.exec(String(res.headers.location))?.[1]));
    }
    const { cookie } = await ctx.signIn('moderator');
    const first = await ctx.app.inject({ url: '/admin/comments', headers: { cookie } });
    assert.equal(first.body.match(/class="queue-item /g)?.length, 50);
    const older = /href="(\/admin\/comments\?[^"]*before=\d+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(older);
    const second = await ctx.app.inject({ url: older, headers: { cookie } });
    assert.equal(second.body.match(/class="queue-item /g)?.length, 5);
    assert.match(second.body, new RegExp(`id="q-${ids[0]}"`));
    const byName = await ctx.app.inject({ url: '/admin/comments?author=special%20name', headers: { cookie } });
    assert.equal(byName.body.match(/class="queue-item /g)?.length, 1);
    const byEmail = await ctx.app.inject({ url: '/admin/comments?author=r7@example.com', headers: { cookie } });
    assert.equal(byEmail.body.match(/class="queue-item /g)?.length, 1);
    const byWord = await ctx.app.inject({ url: '/admin/comments?q=ZEBRA', headers: { cookie } });
    assert.equal(byWord.body.match(/class="queue-item /g)?.length, 27);
    const byArticle = await ctx.app.inject({ url: '/admin/comments?article=999', headers: { cookie } });
    assert.match(byArticle.body, /No comments here/);
  });

  it('saves Discussion settings, refuses out-of-range values with the form kept, and applies them at once', async (t) => {
    const ctx = await buildTestApp(t);
    const { path, article } = await ctx.publishSeedArticle();
    await ctx.app.inject(path); // cached with the form
    const { cookie, csrf } = await ctx.signIn('admin');
    const base = { _csrf: csrf, requireNameEmail: '1', requirePreviouslyApproved: '1', maxLinks: '2', floodIntervalSeconds: '15', threadDepth: '5', ipRetentionDays: '30', commentsPerPage: '50', heldCommentMail: 'digest', heldCommentDigestMinutes: '30', moderationWords: 'free money\n  \nprize', disallowedWords: '' };
    const bad = await post(ctx.app, '/admin/settings', { ...base, closeCommentsAfterDays: '-3', threadDepth: '40' }, cookie);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /threadDepth must be a whole number from 1 to 10/);
    assert.match(bad.body, /free money\nprize/);
    const ok = await post(ctx.app, '/admin/settings', { ...base, closeCommentsAfterDays: '1' }, cookie);
    assert.equal(ok.statusCode, 303);
    const settings = await ctx.dateline.stores.settings.discussion();
    assert.deepEqual(settings.moderationWords, ['free money', 'prize']);
    assert.equal(settings.holdAllComments, false);
    assert.equal(settings.heldCommentMail, 'digest');
    assert.equal(settings.heldCommentDigestMinutes, 30);
    assert.match((await ctx.app.inject(path)).body, /Comments are closed/, 'the cached page changed with the setting');
    assert.equal((await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article)).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode, 403);
  });

  it('shows the pending count, comments per day and recent actions on the dashboard', async (t) => {
    const ctx = await buildTestApp(t);
    const { id } = await heldComment(ctx);
    await heldComment(ctx, 'another');
    await ctx.dateline.services.moderateComment({ commentId: commentId(id), action: 'trash', actor: 'staff:1:Mo' });
    const { cookie } = await ctx.signIn('moderator');
    const res = await ctx.app.inject({ url: '/admin/', headers: { cookie } });
    assert.match(res.body, /<strong>1<\/strong> comment waits for moderation/);
    assert.match(res.body, /<th scope="row">2026-11-29<\/th><td>2<\/td>/);
    assert.match(res.body, /staff:1:Mo trash/);
    assert.match(res.body, /<svg class="chart"/);
  });
});

describe('per-commenter rules', () => {
  it('bans a commenter by their keyed email: they are told politely, their text kept, nothing stored', async (t) => {
    const ctx = await buildTestApp(t);
    const { article, id } = await heldComment(ctx, 'first words');
    const { cookie, csrf } = await ctx.signIn('moderator');
    const made = await post(ctx.app, '/admin/commenters', { _csrf: csrf, comment_id: String(id), kind: 'ban', [`reason-${id}`]: 'abusive' }, cookie);
    assert.equal(made.statusCode, 303);
    const rules = await ctx.app.inject({ url: '/admin/commenters', headers: { cookie } });
    assert.match(rules.body, /Banned/);
    assert.match(rules.body, /Ada Reader &lt;ada@example.com>|Ada Reader <ada@example.com>|Ada Reader &lt;ada@example.com&gt;/);
    assert.doesNotMatch(JSON.stringify(await ctx.dateline.stores.commenterRules.list()), /"emailHash":"ada@example.com"/);
    const before = (await ctx.dateline.stores.comments.list({ limit: 100 })).length;
    const refused = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'after the ban', email: 'ADA@example.com' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '198.51.100.200' });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /not accepted on this site/);
    assert.match(refused.body, />after the ban<\/textarea>/);
    assert.equal((await ctx.dateline.stores.comments.list({ limit: 100 })).length, before, 'nothing stored');
    const log = (await ctx.dateline.stores.moderationLog.listForComment(commentId(id))).filter((e) => e.action !== 'screen');
    assert.deepEqual(log.map((e) => [e.action, e.reason]), [['ban', 'abusive']]);

    const [rule] = await ctx.dateline.stores.commenterRules.list();
    assert.equal((await post(ctx.app, '/admin/commenters/lift', { _csrf: csrf, rule_id: String(rule!.id) }, cookie)).statusCode, 303);
    ctx.clock.advance(60);
    const after = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'after the lift' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(after.statusCode, 303);
    assert.equal((await ctx.dateline.stores.moderationLog.listForComment(commentId(id))).at(-1)?.action, 'lift');
  });

  it('bans a whole network when asked, and holds every comment of an always-held commenter', async (t) => {
    const ctx = await buildTestApp(t);
    const { article } = await ctx.publishSeedArticle();
    const first = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'from the net', email: 'net@example.com' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '203.0.113.7' });
    const netId = Number(/comment-(\d+)/.exec(String(first.headers.location))?.[1]);
    const second = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'trusted so far', email: 'held@example.com', author: 'Hal' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '192.0.2.50' });
    const heldId = Number(/comment-(\d+)/.exec(String(second.headers.location))?.[1]);
    await ctx.dateline.services.moderateComment({ commentId: commentId(heldId), action: 'approve', actor: 'test' });
    const { cookie, csrf } = await ctx.signIn('editor');
    await post(ctx.app, '/admin/commenters', { _csrf: csrf, comment_id: String(netId), kind: 'ban', network: '1' }, cookie);
    await post(ctx.app, '/admin/commenters', { _csrf: csrf, comment_id: String(heldId), kind: 'premoderate' }, cookie);
    ctx.clock.advance(60);
    const neighbour = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'a neighbour', email: 'other@example.com', author: 'Other' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '203.0.113.200' });
    assert.equal(neighbour.statusCode, 403);
    const again = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'trusted no more', email: 'held@example.com', author: 'Hal' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '192.0.2.50' });
    assert.equal(again.statusCode, 303);
    const stored = await ctx.dateline.stores.comments.findById(commentId(Number(/comment-(\d+)/.exec(String(again.headers.location))?.[1])));
    assert.equal(stored?.status, 'pending');
    assert.deepEqual(stored?.reasons.map((r) => r.code), ['always_premoderate']);
  });
});

describe('staff work on a comment', () => {
  it('features a comment as an editors’ pick, edits it keeping the original, and replies as staff', async (t) => {
    const ctx = await buildTestApp(t);
    const { id } = await heldComment(ctx, 'Original words');
    await ctx.dateline.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'test' });
    const { path } = await ctx.publishSeedArticle();
    await ctx.app.inject(path); // cached
    const { cookie, csrf, staff } = await ctx.signIn('moderator');

    assert.equal((await post(ctx.app, '/admin/comments?status=approved', { _csrf: csrf, one: `feature:${id}` }, cookie)).statusCode, 303);
    assert.match((await ctx.app.inject(path)).body, /Editors’ pick/);

    assert.equal((await post(ctx.app, '/admin/comments/edit', { _csrf: csrf, comment_id: String(id), text: 'Corrected words' }, cookie)).statusCode, 303);
    const page = (await ctx.app.inject(path)).body;
    assert.match(page, /Corrected words/);
    assert.match(page, /\(edited <time datetime="[^"]+">[^<]+<\/time>\)/);
    assert.doesNotMatch(page, /Original words/);
    const revisions = await ctx.dateline.stores.comments.revisionsOf(commentId(id));
    assert.deepEqual(revisions.map((r) => r.bodyText), ['Original words']);

    assert.equal((await post(ctx.app, '/admin/comments/reply', { _csrf: csrf, comment_id: String(id), text: 'Thanks, from the desk.' }, cookie)).statusCode, 303);
    const withReply = (await ctx.app.inject(path)).body;
    assert.match(withReply, new RegExp(`${staff.name}</span><span class="badge">Staff</span>`));
    assert.match(withReply, /Thanks, from the desk\./);
    assert.doesNotMatch(withReply, /newsroom\.example/, 'the staff email stays private too');
    const actions = (await ctx.dateline.stores.moderationLog.listForComment(commentId(id))).map((e) => e.action);
    assert.deepEqual(actions, ['screen', 'approve', 'feature', 'edit']);
  });
});

/** The .eml files Dateline wrote without SMTP_URL, parsed. */
async function readOutbox(dir: string) {
  return Promise.all(readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => simpleParser(readFileSync(join(dir, f)))));
}
