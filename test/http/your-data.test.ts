// A commenter's own data: /privacy/ tells the truth from the settings; an export is mailed as
// JSON after the commenter confirms from a mailed link; an erasure anonymises every comment
// (held, spam and trashed too) and can delete the text, keeping replies in place; staff run
// both from the admin and the shell; every run is logged without the address.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { ParsedMail } from 'mailparser';
import { commentId } from '../../src/domain/ids.ts';
import type { DiscussionSettings } from '../../src/domain/settings.ts';
import { createDateline } from '../../src/main.ts';
import { buildTestApp, commentForm, seedArticlePath, testConfig } from '../support/build-test-app.ts';
import { freshDatabaseUrl, testDialect } from '../support/dialects.ts';
import { runCli, siteEnv } from '../support/server-process.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

async function setUp(t: TestContext, settings: Partial<DiscussionSettings> = {}) {
  const sink = await startSmtpSink(t);
  const ctx = await buildTestApp(t, { config: { smtpUrl: sink.url, publicUrl: 'https://news.example' }, settings: { requirePreviouslyApproved: false, disallowedWords: ['casino'], ...settings } });
  const { article, path } = await ctx.publishSeedArticle();
  let ip = 0;
  async function post(fields: Record<string, string>) {
    ctx.clock.advance(60);
    const res = await ctx.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, fields)).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: `203.0.113.${++ip}` });
    assert.equal(res.statusCode, 303, res.body);
    return Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
  }
  const ask = (email: string, kind: 'export' | 'erase') => ctx.app.inject({ method: 'POST', url: '/privacy/your-data', payload: new URLSearchParams({ email, kind }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const deliver = () => ctx.dateline.outboxWorker.deliverDue();
  return { ...ctx, sink, article, path, post, ask, deliver };
}

const confirmToken = (mail: ParsedMail) => {
  const found = /https:\/\/news\.example\/privacy\/your-data\/confirm\?token=([\w-]+)/.exec(mail.text ?? '');
  assert.ok(found, mail.text);
  return found[1]!;
};

describe('a commenter’s own data', () => {
  it('mails an export of every comment they made, held and spam ones too, once they confirm', async (t) => {
    const ctx = await setUp(t);
    await ctx.post({ comment: 'Public words.', email: 'ada@example.com' });
    await ctx.post({ comment: 'Visit my casino.', email: 'ada@example.com' });
    await ctx.post({ comment: 'Someone else.', email: 'bo@example.org', author: 'Bo' });
    const asked = await ctx.ask('ADA@example.com', 'export');
    assert.equal(asked.statusCode, 200);
    await ctx.deliver();
    const [request] = await ctx.sink.waitForMessages(1);
    const token = confirmToken(request!);

    const page = await ctx.app.inject(`/privacy/your-data/confirm?token=${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mail me my data/);
    const done = await ctx.app.inject({ method: 'POST', url: '/privacy/your-data/confirm', payload: new URLSearchParams({ token }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(done.statusCode, 200, done.body);
    await ctx.deliver();
    const exported = (await ctx.sink.waitForMessages(2))[1]!;
    assert.equal(exported.attachments.length, 1);
    const data = JSON.parse(exported.attachments[0]!.content.toString('utf8')) as { comments: { text: string; status: string; ip: string; email: string }[] };
    assert.deepEqual(data.comments.map((c) => [c.text, c.status]), [['Public words.', 'approved'], ['Visit my casino.', 'spam']]);
    assert.ok(data.comments.every((c) => c.email === 'ada@example.com' && c.ip.startsWith('203.0.113.')));

    const again = await ctx.app.inject({ method: 'POST', url: '/privacy/your-data/confirm', payload: new URLSearchParams({ token }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(again.statusCode, 403, 'the link works once');
    const [run] = await ctx.dateline.services.yourData.listRuns(10);
    assert.deepEqual({ action: run?.action, actor: run?.actor, comments: run?.comments }, { action: 'export', actor: 'commenter', comments: 2 });
  });

  it('answers the same for an address with no comments, and mails it nothing', async (t) => {
    const ctx = await setUp(t);
    await ctx.post({ comment: 'Hello.', email: 'ada@example.com' });
    const known = await ctx.ask('ada@example.com', 'erase');
    const unknown = await ctx.ask('nobody@example.com', 'erase');
    assert.equal(known.body, unknown.body);
    const invalid = await ctx.ask('not an address', 'erase');
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /value="not an address"/, 'the form keeps what was typed');
    await ctx.deliver();
    const mails = await ctx.sink.waitForMessages(1);
    assert.deepEqual(mails.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address), ['ada@example.com']);
  });

  it('erases details from every comment, deletes the text when asked, and keeps replies in place', async (t) => {
    const ctx = await setUp(t);
    const mine = await ctx.post({ comment: 'My own opinion.', author: 'Ada Lovelace', email: 'ada@example.com', url: 'https://ada.example', notify_replies: '1' });
    const held = await ctx.post({ comment: 'A held one.', author: 'Ada Lovelace', email: 'ada@example.com' });
    await ctx.dateline.services.moderateComment({ commentId: commentId(held), action: 'hold', actor: 'test' });
    await ctx.post({ comment: 'A reply to Ada.', author: 'Bo', email: 'bo@example.org', comment_parent: String(mine) });
    assert.match((await ctx.app.inject(ctx.path)).body, /Ada Lovelace/);

    await ctx.ask('ada@example.com', 'erase');
    await ctx.deliver();
    const request = (await ctx.sink.waitForMessages(2)).find((m) => /erase my data/i.test(m.subject ?? ''))!;
    const token = confirmToken(request);
    const page = await ctx.app.inject(`/privacy/your-data/confirm?token=${token}`);
    assert.match(page.body, /Also delete the text of my comments/);
    const done = await ctx.app.inject({ method: 'POST', url: '/privacy/your-data/confirm', payload: new URLSearchParams({ token, delete_comments: '1' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /erased from 2 comments/);

    const article = (await ctx.app.inject(ctx.path)).body;
    assert.doesNotMatch(article, /Ada Lovelace|ada\.example|My own opinion/, 'the page changed at once');
    assert.match(article, /\[deleted\]/);
    assert.match(article, /A reply to Ada\./);
    for (const id of [mine, held]) {
      const c = await ctx.dateline.stores.comments.findById(commentId(id));
      assert.deepEqual([c?.authorName, c?.authorEmail, c?.authorUrl, c?.bodyText], ['Anonymous', '', null, '[deleted]']);
      assert.equal(await ctx.dateline.stores.comments.ipOf(commentId(id)), '');
    }
    assert.deepEqual(await ctx.dateline.stores.personalData.commentsBy('ada@example.com'), []);
    assert.equal((await ctx.dateline.stores.outbox.list({ status: null, limit: 50 })).filter((m) => m.to === 'ada@example.com').length, 0, 'no mail to the address is kept');
    const runs = await ctx.dateline.services.yourData.listRuns(10);
    assert.equal(runs[0]?.action, 'erase_and_delete');
    assert.doesNotMatch(JSON.stringify(runs), /ada/i, 'the log never holds the address');
  });

  it('lets an admin export as a download and erase, both logged as them', async (t) => {
    const ctx = await setUp(t);
    await ctx.post({ comment: 'Mine.', email: 'ada@example.com' });
    const { cookie, csrf, staff } = await ctx.signIn('admin');
    const download = await ctx.app.inject({ method: 'POST', url: '/admin/privacy', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, email: 'ada@example.com', action: 'export' }).toString() });
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /attachment/);
    assert.equal((JSON.parse(download.body) as { comments: unknown[] }).comments.length, 1);
    const erased = await ctx.app.inject({ method: 'POST', url: '/admin/privacy', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, email: 'ada@example.com', action: 'erase' }).toString() });
    assert.equal(erased.statusCode, 200);
    assert.match(erased.body, /Erased from 1 comment\./);
    assert.match(erased.body, new RegExp(`staff:${staff.id}:`));
    const editor = await ctx.signIn('editor');
    assert.equal((await ctx.app.inject({ url: '/admin/privacy', headers: { cookie: editor.cookie } })).statusCode, 403);
  });

  it('says on /privacy/ how long full IP addresses are kept, from the settings', async (t) => {
    const ctx = await setUp(t, { ipRetentionDays: 12 });
    const page = await ctx.app.inject('/privacy/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /kept for 12 days/);
    await ctx.dateline.services.saveSettings({ ipRetentionDays: 3 });
    assert.match((await ctx.app.inject('/privacy/')).body, /kept for 3 days/);
  });
});

describe('`dateline privacy`', () => {
  it('exports as JSON and erases from the shell', async (t) => {
    const databaseUrl = await freshDatabaseUrl(t, testDialect);
    const env = siteEnv(t, databaseUrl, { DATELINE_SECRET: 's'.repeat(32) });
    assert.equal(runCli(env, 'publish', fileURLToPath(seedArticlePath)).code, 0);
    const site = await createDateline(testConfig(env.DATELINE_DATA_DIR!, { databaseUrl, secret: env.DATELINE_SECRET! }));
    t.after(() => site.close());
    const [article] = await site.stores.articles.listLatest({ now: new Date(8.64e15), limit: 1 });
    await site.services.submitComment({ articleId: article!.article.id, parentId: null, authorName: 'Ada', authorEmail: 'ada@example.com', authorUrl: '', bodyText: 'From the shell test.', ip: '192.0.2.1', userAgent: 'test' });

    const exported = runCli(env, 'privacy', 'export', 'ada@example.com');
    assert.equal(exported.code, 0, exported.err);
    assert.equal((JSON.parse(exported.out) as { comments: { text: string }[] }).comments[0]?.text, 'From the shell test.');
    const erased = runCli(env, 'privacy', 'erase', 'ada@example.com', '--delete-comments');
    assert.equal(erased.code, 0, erased.err);
    assert.match(erased.out, /erased from 1 comment \(text deleted\)/);
    const bad = runCli(env, 'privacy', 'erase', 'nope');
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /not an email address/);
  });
});
