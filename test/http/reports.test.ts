// Readers report comments: the form without JavaScript, one report per reader per comment, the
// Reported tab of the moderation queue, holding after N readers, dismissing, rate limits, and
// no IP address stored.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { commentId } from '../../src/domain/ids.ts';
import { reportsPerNetworkPerHour } from '../../src/domain/report.ts';
import { buildTestApp } from '../support/build-test-app.ts';
import { approvedComments } from '../support/articles.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const readerIp = '203.0.113.45';

async function setUp(t: TestContext, settings: Record<string, unknown> = {}) {
  const ctx = await buildTestApp(t, { settings: { requirePreviouslyApproved: false, floodIntervalSeconds: 0, ...settings } });
  const { article, path } = await ctx.publishSeedArticle();
  await approvedComments(ctx, article.id, 1);
  const [first] = await ctx.dateline.stores.comments.listForArticle({ articleId: article.id, statuses: ['approved'] });
  /** Opens the report form as this reader and sends it. */
  async function report(id: number, fields: { reason?: string; note?: string; token?: string } = {}, reader: { ip?: string; ua?: string } = {}) {
    const headers = { 'user-agent': reader.ua ?? 'Firefox' };
    const remoteAddress = reader.ip ?? readerIp;
    const shown = await ctx.app.inject({ url: `/comments/${id}/report`, headers, remoteAddress });
    const token = fields.token ?? /name="dateline_form" value="([^"]+)"/.exec(shown.body)?.[1] ?? '';
    return ctx.app.inject({ method: 'POST', url: `/comments/${id}/report`, headers: { ...headers, ...form }, remoteAddress, payload: new URLSearchParams({ reason: fields.reason ?? 'abuse', note: fields.note ?? '', dateline_form: token }).toString() });
  }
  async function reportedTab() {
    const moderator = await ctx.signIn('moderator');
    return (await ctx.app.inject({ url: '/admin/comments?status=reported', headers: { cookie: moderator.cookie } })).body;
  }
  const reportRows = () => ctx.dateline.database.db.selectFrom('comment_reports').selectAll().execute();
  return { ...ctx, article, path, id: first!.id, report, reportedTab, reportRows };
}

describe('reporting a comment', () => {
  it('works from a plain form and reaches the Reported tab with its reason and note', async (t) => {
    const ctx = await setUp(t);
    const page = await ctx.app.inject(ctx.path);
    assert.match(page.body, new RegExp(`<a class="comment-report-link" rel="nofollow" href="/comments/${ctx.id}/report"`));
    const shown = await ctx.app.inject({ url: `/comments/${ctx.id}/report` });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /type="radio" id="reason-spam" name="reason" value="spam"/);
    assert.match(shown.headers['cache-control'] as string, /no-store/);
    const res = await ctx.report(ctx.id, { reason: 'abuse', note: 'Insults <another> reader' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Thank you for your report/);
    const tab = await ctx.reportedTab();
    assert.match(tab, /Reported <span class="count">1<\/span>/);
    assert.match(tab, /Reported 1 time<\/strong>: abuse 1/);
    assert.match(tab, /<li>Insults &lt;another> reader<\/li>/);
    assert.match(tab, new RegExp(`value="dismiss:${ctx.id}"`));
  });

  it('takes one report per reader per comment, and stores no IP address', async (t) => {
    const ctx = await setUp(t);
    assert.equal((await ctx.report(ctx.id)).statusCode, 200);
    const again = await ctx.report(ctx.id, { reason: 'spam' });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /You have already reported this comment/);
    const rows = await ctx.reportRows();
    assert.equal(rows.length, 1);
    assert.doesNotMatch(JSON.stringify(rows), /203\.0\.113|Firefox/);
  });

  it('holds the comment once readers on enough networks report it, logged as system:reports', async (t) => {
    const ctx = await setUp(t, { reportsToHold: 2 });
    await ctx.report(ctx.id, { reason: 'spam' });
    await ctx.report(ctx.id, { reason: 'spam' }, { ip: '203.0.113.46', ua: 'Another browser' }); // the same network counts once
    assert.equal((await ctx.dateline.stores.comments.findById(commentId(ctx.id)))?.status, 'approved');
    await ctx.report(ctx.id, { reason: 'abuse' }, { ip: '198.51.100.200' });
    const held = await ctx.dateline.stores.comments.findById(commentId(ctx.id));
    assert.equal(held?.status, 'pending');
    assert.match(held?.reasons.at(-1)?.detail ?? '', /reported by 2 readers \(spam 2, abuse 1\)/);
    const log = await ctx.dateline.stores.moderationLog.listForComment(commentId(ctx.id));
    assert.deepEqual(log.filter((e) => e.action === 'hold').map((e) => [e.actor, e.fromStatus, e.toStatus]), [['system:reports', 'approved', 'pending']]);
    assert.doesNotMatch((await ctx.app.inject(ctx.path)).body, new RegExp(`id="comment-${ctx.id}"`));
  });

  it('never holds with reportsToHold at 0', async (t) => {
    const ctx = await setUp(t, { reportsToHold: 0 });
    for (const ip of ['192.0.2.1', '198.51.100.1', '203.0.113.1', '100.64.0.1']) await ctx.report(ctx.id, {}, { ip });
    assert.equal((await ctx.dateline.stores.comments.findById(commentId(ctx.id)))?.status, 'approved');
  });

  it('lets a moderator dismiss the reports, and resolves them when the comment is acted on', async (t) => {
    const ctx = await setUp(t);
    await ctx.report(ctx.id);
    const moderator = await ctx.signIn('moderator');
    const res = await ctx.app.inject({ method: 'POST', url: '/admin/comments?status=reported', headers: { ...form, cookie: moderator.cookie }, payload: new URLSearchParams({ _csrf: moderator.csrf, one: `dismiss:${ctx.id}` }).toString() });
    assert.equal(res.statusCode, 303, res.body);
    assert.match(await ctx.reportedTab(), /No comments here/);
    const log = await ctx.dateline.stores.moderationLog.listForComment(commentId(ctx.id));
    assert.ok(log.some((e) => e.action === 'dismiss_reports'));

    await ctx.report(ctx.id, {}, { ip: '198.51.100.9' });
    assert.match(await ctx.reportedTab(), /Reported <span class="count">1<\/span>/);
    await ctx.dateline.services.moderateComment({ commentId: commentId(ctx.id), action: 'trash', actor: 'test' });
    assert.match(await ctx.reportedTab(), /No comments here/);
    assert.deepEqual((await ctx.reportRows()).map((r) => r.resolution), ['dismissed', 'trash']);
  });

  it('refuses a report without this reader’s form token, so another site cannot file reports', async (t) => {
    const ctx = await setUp(t);
    const forged = await ctx.report(ctx.id, { token: 'forged.token' });
    assert.equal(forged.statusCode, 403);
    const shown = await ctx.app.inject({ url: `/comments/${ctx.id}/report`, remoteAddress: '198.51.100.77', headers: { 'user-agent': 'Attacker' } });
    const attackersToken = /name="dateline_form" value="([^"]+)"/.exec(shown.body)?.[1] ?? '';
    assert.equal((await ctx.report(ctx.id, { token: attackersToken })).statusCode, 403);
    assert.equal((await ctx.reportRows()).length, 0);
  });

  it('keeps the note with a 422 when no reason is chosen', async (t) => {
    const ctx = await setUp(t);
    const res = await ctx.report(ctx.id, { reason: 'boring', note: 'Keep this note' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Please choose what is wrong with the comment/);
    assert.match(res.body, /<textarea id="note" name="note" rows="3" maxlength="500">Keep this note<\/textarea>/);
  });

  it(`refuses more than ${reportsPerNetworkPerHour} reports an hour from one network with 429`, async (t) => {
    const ctx = await setUp(t);
    await approvedComments(ctx, ctx.article.id, reportsPerNetworkPerHour);
    const all = await ctx.dateline.stores.comments.listForArticle({ articleId: ctx.article.id, statuses: ['approved'] });
    for (const c of all.slice(0, reportsPerNetworkPerHour)) assert.equal((await ctx.report(c.id, {}, { ip: `203.0.113.${c.id}` })).statusCode, 200);
    const over = await ctx.report(all[reportsPerNetworkPerHour]!.id, { note: 'one more' });
    assert.equal(over.statusCode, 429);
    assert.match(over.body, /one more/);
    ctx.clock.advance(3601);
    assert.equal((await ctx.report(all[reportsPerNetworkPerHour]!.id)).statusCode, 200);
  });

  it('answers 404 for a comment that is not public', async (t) => {
    const ctx = await setUp(t);
    await ctx.dateline.services.moderateComment({ commentId: commentId(ctx.id), action: 'hold', actor: 'test' });
    assert.equal((await ctx.app.inject(`/comments/${ctx.id}/report`)).statusCode, 404);
    assert.equal((await ctx.app.inject('/comments/999999/report')).statusCode, 404);
  });
});
