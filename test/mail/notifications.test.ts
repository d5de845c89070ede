// Mail end to end against a real SMTP server process: double opt-in, reply and approval
// notifications, one-click unsubscribe (RFC 8058), moderators' one-click links, and an outbox
// that loses nothing and sends nothing twice through outages, restarts and two instances.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { commentId } from '../../src/domain/ids.ts';
import type { DiscussionSettings } from '../../src/domain/settings.ts';
import { createDateline } from '../../src/main.ts';
import { buildTestApp, commentForm, type TestApp } from '../support/build-test-app.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

async function setUp(t: TestContext, options: { sink?: SmtpSink; settings?: Partial<DiscussionSettings> } = {}) {
  const sink = options.sink ?? (await startSmtpSink(t));
  const ctx = await buildTestApp(t, { config: { smtpUrl: sink.url, publicUrl: 'https://news.example' }, settings: { requirePreviouslyApproved: false, ...options.settings } });
  const { article, path } = await ctx.publishSeedArticle();
  let ip = 0;
  /** Posts the form (a fresh IP each time, the clock past flood control); returns the new comment's id. */
  async function post(fields: Record<string, string>) {
    ctx.clock.advance(60);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/comments',
      payload: new URLSearchParams(commentForm(article, fields)).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: `198.51.100.${++ip}`,
    });
    assert.equal(res.statusCode, 303, res.body);
    return Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
  }
  const deliver = () => ctx.dateline.outboxWorker.deliverDue();
  return { ...ctx, sink, article, path, post, deliver };
}

const linkIn = (mail: ParsedMail, path: string): URL => {
  const found = new RegExp(`https://news\\.example${path}\\?token=[^\\s>"]+`).exec(mail.text ?? '');
  assert.ok(found, `no ${path} link in:\n${mail.text}`);
  return new URL(found[0]);
};
const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
const pathOf = (url: URL) => `${url.pathname}${url.search}`;
/** A header as sent (mailparser restructures List-* headers, so read the raw lines). */
const header = (mail: ParsedMail, name: string): string | undefined =>
  mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/^[^:]*:\s*/, '').replace(/\r?\n\s+/g, '');
const unsubscribeLink = (mail: ParsedMail): URL => new URL(/^<(.*)>$/.exec(header(mail, 'List-Unsubscribe') ?? '')?.[1] ?? 'missing:');

async function confirmAddress(ctx: TestApp, mail: ParsedMail) {
  const link = linkIn(mail, '/notifications/confirm');
  const res = await ctx.app.inject({ method: 'POST', url: '/notifications/confirm', payload: new URLSearchParams({ token: link.searchParams.get('token')! }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.statusCode, 200, res.body);
}

describe('notifications for commenters', () => {
  it('asks a new subscriber to confirm, sends nothing else before, and mails replies after', async (t) => {
    const ctx = await setUp(t);
    const first = await ctx.post({ comment: 'Tell me when someone answers.', email: 'ada@example.com', notify_replies: '1' });
    await ctx.deliver();
    const [confirmation] = await ctx.sink.waitForMessages(1);
    assert.equal(to(confirmation!), 'ada@example.com');
    assert.match(confirmation!.subject ?? '', /Confirm your email address/);

    // Opening the link only shows a button; a reply before the button is pressed reaches nobody.
    const link = linkIn(confirmation!, '/notifications/confirm');
    const page = await ctx.app.inject(pathOf(link));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/notifications\/confirm">/);
    await ctx.post({ comment: 'An early answer.', author: 'Bo', email: 'bo@example.org', comment_parent: String(first) });
    await ctx.deliver();
    assert.equal((await ctx.sink.messages()).length, 1);
    await confirmAddress(ctx, confirmation!);

    await ctx.post({ comment: 'A later answer, with *care*.', author: 'Cy', email: 'cy@example.org', comment_parent: String(first) });
    await ctx.deliver();
    const mails = await ctx.sink.waitForMessages(2);
    const reply = mails[1]!;
    assert.equal(to(reply), 'ada@example.com');
    assert.match(reply.subject ?? '', /Cy replied to your comment/);
    assert.match(reply.text ?? '', /A later answer, with \*care\*\./);
    assert.match(reply.html || '', /A later answer/);
    assert.doesNotMatch(`${reply.text}${reply.html}${JSON.stringify([...reply.headers])}`, /cy@example\.org/, 'the replier’s address is never shown to the subscriber');
    assert.equal(header(reply, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.match(unsubscribeLink(reply).href, /^https:\/\/news\.example\/notifications\/unsubscribe\?token=/);
    assert.match(reply.text ?? '', /https:\/\/news\.example\/notifications\/manage\?token=/);
  });

  it('stops a subscription with the one-click POST of RFC 8058 and sends no more', async (t) => {
    const ctx = await setUp(t);
    const first = await ctx.post({ comment: 'Subscribe me.', email: 'ada@example.com', notify_replies: '1' });
    await ctx.deliver();
    await confirmAddress(ctx, (await ctx.sink.waitForMessages(1))[0]!);
    await ctx.post({ comment: 'First reply.', author: 'Bo', email: 'bo@example.org', comment_parent: String(first) });
    await ctx.deliver();
    const reply = (await ctx.sink.waitForMessages(2))[1]!;

    const unsubscribe = unsubscribeLink(reply);
    const boundary = '----dateline';
    const oneClick = await ctx.app.inject({
      method: 'POST',
      url: pathOf(unsubscribe),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    assert.equal(oneClick.statusCode, 200, oneClick.body);
    const again = await ctx.app.inject({ method: 'POST', url: pathOf(unsubscribe), payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(again.statusCode, 200, 'a second one-click is harmless');

    await ctx.post({ comment: 'Second reply.', author: 'Cy', email: 'cy@example.org', comment_parent: String(first) });
    await ctx.deliver();
    assert.equal((await ctx.sink.messages()).length, 2);
  });

  it('tells a subscribed commenter when a moderator approves their held comment, and the article’s subscribers', async (t) => {
    const ctx = await setUp(t, { settings: { holdAllComments: true } });
    const watcherComment = await ctx.post({ comment: 'Watching this article.', email: 'watcher@example.net', notify_article: '1' });
    await ctx.dateline.services.moderateComment({ commentId: commentId(watcherComment), action: 'approve', actor: 'test' });
    const held = await ctx.post({ comment: 'Held, then approved.', author: 'Ada', email: 'ada@example.com', notify_replies: '1' });
    await ctx.deliver();
    const confirmations = (await ctx.sink.waitForMessages(2)).filter((m) => /Confirm/.test(m.subject ?? ''));
    assert.deepEqual(confirmations.map(to).sort(), ['ada@example.com', 'watcher@example.net']);
    for (const c of confirmations) await confirmAddress(ctx, c);

    await ctx.dateline.services.moderateComment({ commentId: commentId(held), action: 'approve', actor: 'test' });
    await ctx.deliver();
    const later = (await ctx.sink.waitForMessages(4)).slice(2);
    const approved = later.find((m) => to(m) === 'ada@example.com');
    const watcher = later.find((m) => to(m) === 'watcher@example.net');
    assert.match(approved?.subject ?? '', /Your comment on .* is published/);
    assert.match(watcher?.subject ?? '', /New comment on/);
    assert.match(watcher?.text ?? '', /Held, then approved\./);
  });

  it('refuses to subscribe without an email and keeps the text', async (t) => {
    const ctx = await setUp(t, { settings: { requireNameEmail: false } });
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/comments',
      payload: new URLSearchParams(commentForm(ctx.article, { email: '', comment: 'Notify me, anonymously?', notify_article: '1' })).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /enter your email address to get notifications/);
    assert.match(res.body, /Notify me, anonymously\?/);
  });
});

describe('mail to moderators', () => {
  it('mails each moderator a held comment whose links change it only by a POST', async (t) => {
    const ctx = await setUp(t, { settings: { holdAllComments: true } });
    const { staff } = await ctx.signIn('moderator');
    await ctx.signIn('editor'); // editors get no held-comment mail
    const held = await ctx.post({ comment: 'Please let this through.', author: 'Ada', email: 'ada@example.com' });
    await ctx.deliver();
    const [mail] = await ctx.sink.waitForMessages(1);
    assert.equal((await ctx.sink.messages()).length, 1);
    assert.equal(to(mail!), staff.email);
    assert.match(mail!.text ?? '', /Please let this through\./);
    assert.match(mail!.text ?? '', /Why it was held: /);
    assert.doesNotMatch(mail!.text ?? '', /ada@example\.com/);

    const links = [...(mail!.text ?? '').matchAll(/https:\/\/news\.example(\/notifications\/moderate\?token=[^\s]+)/g)].map((m) => m[1]!);
    assert.equal(links.length, 3, 'approve, spam and trash');
    const approve = links[0]!;
    const preview = await ctx.app.inject(approve);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Approve this comment\?/);
    assert.equal((await ctx.dateline.stores.comments.findById(commentId(held)))?.status, 'pending', 'a GET changes nothing');

    const done = await ctx.app.inject({ method: 'POST', url: '/notifications/moderate', payload: new URLSearchParams({ token: new URL(`https://x${approve}`).searchParams.get('token')! }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal((await ctx.dateline.stores.comments.findById(commentId(held)))?.status, 'approved');
    const log = await ctx.dateline.stores.moderationLog.listForComment(commentId(held));
    assert.ok(log.some((row) => row.action === 'approve' && row.actor.startsWith(`staff:${staff.id}:`)), 'logged as the moderator');

    const forged = await ctx.app.inject({ method: 'POST', url: '/notifications/moderate', payload: 'token=e30.forged', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(forged.statusCode, 403);
  });

  it('lets a moderator stop held-comment mail with one click, and an admin turn it on again', async (t) => {
    const ctx = await setUp(t, { settings: { holdAllComments: true } });
    const { staff } = await ctx.signIn('moderator');
    await ctx.post({ comment: 'One.' });
    await ctx.deliver();
    const [mail] = await ctx.sink.waitForMessages(1);
    const unsubscribe = unsubscribeLink(mail!);
    const res = await ctx.app.inject({ method: 'POST', url: pathOf(unsubscribe), payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.statusCode, 200);
    await ctx.post({ comment: 'Two.', email: 'other@example.com' });
    await ctx.deliver();
    assert.equal((await ctx.sink.messages()).length, 1);

    const admin = await ctx.signIn('admin');
    const staffPage = await ctx.app.inject({ url: '/admin/staff', headers: { cookie: admin.cookie } });
    assert.match(staffPage.body, new RegExp(`Turn on held-comment mail for ${staff.name}`));
    const on = await ctx.app.inject({ method: 'POST', url: '/admin/staff/mail', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: admin.csrf, id: String(staff.id), on: '1' }).toString() });
    assert.equal(on.statusCode, 303);
    await ctx.post({ comment: 'Three.', email: 'third@example.com' });
    await ctx.deliver();
    const mails = await ctx.sink.waitForMessages(3);
    assert.deepEqual(mails.slice(1).map(to).sort(), [admin.staff.email, staff.email].sort());
  });
});

describe('the digest of held comments', () => {
  it('mails a digest instead of one mail per comment, and only when something new was held', async (t) => {
    const ctx = await setUp(t, { settings: { holdAllComments: true, heldCommentMail: 'digest', heldCommentDigestMinutes: 30 } });
    const { staff } = await ctx.signIn('moderator');
    await ctx.post({ comment: 'First held.', email: 'a@example.com' });
    await ctx.post({ comment: 'Second held.', email: 'b@example.com' });
    await ctx.deliver();
    assert.equal((await ctx.sink.messages()).length, 0, 'no mail per comment');

    assert.ok((await ctx.dateline.jobs.tick()).includes('held-comment-digest'));
    await ctx.deliver();
    const [digest] = await ctx.sink.waitForMessages(1);
    assert.equal(to(digest!), staff.email);
    assert.match(digest!.subject ?? '', /2 comments are waiting for moderation/);
    assert.match(digest!.text ?? '', /First held\.[\s\S]*Second held\.|Second held\.[\s\S]*First held\./);

    ctx.clock.advance(31 * 60);
    await ctx.dateline.jobs.tick();
    await ctx.deliver();
    assert.equal((await ctx.sink.messages()).length, 1, 'nothing new was held: no second digest');
  });
});

describe('the outbox', () => {
  it('keeps mail through an SMTP outage and delivers each message exactly once when it is back', async (t) => {
    const sink = await startSmtpSink(t);
    const ctx = await setUp(t, { sink, settings: { holdAllComments: true } });
    await ctx.signIn('admin');
    await ctx.signIn('moderator');
    await sink.stop();
    for (const n of [1, 2, 3]) await ctx.post({ comment: `Held during the outage, number ${n}.`, email: `reader${n}@example.com` });
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 6, failed: 0 });
    const waiting = await ctx.dateline.stores.outbox.list({ status: 'queued', limit: 10 });
    assert.equal(waiting.length, 6);
    assert.ok(waiting.every((m) => m.lastError && m.attempts === 1), 'each records the SMTP error');

    // Down for an hour: every due retry fails again, nothing is dropped.
    for (let minutes = 0; minutes < 60; minutes += 10) {
      ctx.clock.advance(600);
      await ctx.deliver();
    }
    assert.equal((await ctx.dateline.stores.outbox.counts()).queued, 6);

    await sink.start();
    ctx.clock.advance(1_800);
    assert.deepEqual(await ctx.deliver(), { sent: 6, retry: 0, failed: 0 });
    ctx.clock.advance(3_600);
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 0, failed: 0 });
    const mails = await sink.waitForMessages(6);
    assert.equal(mails.length, 6);
    assert.equal(new Set(mails.map((m) => m.messageId)).size, 6, 'no message twice');
  });

  it('fails a message the server refuses for good, with its error, and shows it in the admin', async (t) => {
    const sink = await startSmtpSink(t, { refuse: 'moderator' });
    const ctx = await setUp(t, { sink, settings: { holdAllComments: true } });
    const admin = await ctx.signIn('admin');
    await ctx.signIn('moderator');
    await ctx.post({ comment: 'Held.' });
    assert.deepEqual(await ctx.deliver(), { sent: 1, retry: 0, failed: 1 });
    const [failed] = await ctx.dateline.stores.outbox.list({ status: 'failed', limit: 10 });
    assert.match(failed?.lastError ?? '', /550/);

    const page = await ctx.app.inject({ url: '/admin/outbox?status=failed', headers: { cookie: admin.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /550/);
    assert.match(page.body, /moderator\d*@newsroom\.example/);
  });

  it('survives a restart: mail queued before is delivered after, once', async (t) => {
    const sink = await startSmtpSink(t);
    const ctx = await setUp(t, { sink, settings: { holdAllComments: true } });
    await ctx.signIn('moderator');
    await sink.stop();
    await ctx.post({ comment: 'Queued before the restart.' });
    await ctx.deliver();
    await ctx.app.close();
    await ctx.dateline.close();

    await sink.start();
    const again = await createDateline(ctx.config, { clock: ctx.clock });
    t.after(() => again.close());
    ctx.clock.advance(60);
    assert.deepEqual(await again.outboxWorker.deliverDue(), { sent: 1, retry: 0, failed: 0 });
    assert.match((await sink.waitForMessages(1))[0]!.text ?? '', /Queued before the restart\./);
  });

  it('gives each message to one instance when two deliver at once', async (t) => {
    const ctx = await setUp(t, { settings: { holdAllComments: true } });
    for (const role of ['admin', 'moderator', 'admin', 'moderator'] as const) await ctx.signIn(role);
    for (let n = 0; n < 10; n++) await ctx.post({ comment: `Comment ${n}.`, email: `r${n}@example.com` });
    const second = await createDateline(ctx.config, { clock: ctx.clock, migrate: false });
    t.after(() => second.close());
    const [a, b] = await Promise.all([ctx.deliver(), second.outboxWorker.deliverDue()]);
    assert.equal(a.sent + b.sent, 40);
    const mails = await ctx.sink.waitForMessages(40);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await ctx.sink.messages()).length, 40);
    assert.equal(new Set(mails.map((m) => m.messageId)).size, 40);
  });
});

describe('mail without SMTP_URL', () => {
  it('writes each mail as an .eml file under the data directory', async (t) => {
    const ctx = await buildTestApp(t, { settings: { holdAllComments: true } });
    const { article } = await ctx.publishSeedArticle();
    await ctx.signIn('moderator');
    const res = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article)).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await ctx.dateline.outboxWorker.deliverDue(), { sent: 1, retry: 0, failed: 0 });
    const files = readdirSync(join(ctx.dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
    assert.equal(files.length, 1);
  });
});

