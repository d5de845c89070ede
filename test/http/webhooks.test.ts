// Webhooks end to end: a real receiver (node:http on 127.0.0.1) gets comment and article
// events, signed, from the durable queue; a receiver that is down for an hour gets each event
// once when it comes back; the admin page adds, lists, pings, retries and deletes webhooks.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commentId } from '../../src/domain/ids.ts';
import { createDateline } from '../../src/main.ts';
import { verifyWebhookSignature } from '../../src/webhooks/sign-webhook.ts';
import type { WebhookEventName } from '../../src/webhooks/webhook-store.ts';
import { buildTestApp, commentForm } from '../support/build-test-app.ts';

const publicUrl = 'https://news.example';
const openSettings = { requirePreviouslyApproved: false, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0, floodIntervalSeconds: 0 };
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Received {
  readonly path: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver on a real port: records every request, answers what it is told to. */
async function startReceiver(t: TestContext) {
  const received: Received[] = [];
  let reply = { status: 200, body: 'thanks' };
  let server: Server | undefined;
  let port = 0;
  async function start() {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  }
  async function stop() {
    const s = server;
    server = undefined;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    s.closeAllConnections();
    await closed;
  }
  await start();
  t.after(stop);
  return {
    received,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    answer(status: number, body = '') {
      reply = { status, body };
    },
    start,
    stop,
    on: (path: string) => received.filter((r) => r.path === path),
  };
}

async function setUp(t: TestContext, settings: Record<string, unknown> = openSettings) {
  const ctx = await buildTestApp(t, { settings, config: { publicUrl } });
  const receiver = await startReceiver(t);
  const { article, path } = await ctx.publishSeedArticle();
  const { cookie, csrf } = await ctx.signIn('admin');
  let n = 0;
  /** Posts the comment form from its own address; returns the new comment's id. */
  async function post(fields: Record<string, string> = {}, ip = `198.51.100.${++n}`) {
    const res = await ctx.app.inject({ method: 'POST', url: '/comments', headers: formHeaders, payload: new URLSearchParams(commentForm(article, fields)).toString(), remoteAddress: ip });
    assert.equal(res.statusCode, 303, res.body);
    ctx.clock.advance(1);
    return Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
  }
  async function subscribe(events: readonly WebhookEventName[], path = '/hook') {
    const result = await ctx.dateline.services.webhooks.add({ url: receiver.url(path), events, createdBy: 'test' });
    assert.ok('webhook' in result, JSON.stringify(result));
    return result.webhook;
  }
  /** What the worker does on its next pass, once the deliveries of events so far are queued. */
  async function deliver() {
    await ctx.dateline.webhookEvents.settled();
    return ctx.dateline.webhookWorker.deliverDue();
  }
  const deliveries = async (webhookId: number) => (await ctx.dateline.stores.webhooks.recentDeliveries({ webhookIds: [webhookId], perWebhook: 100 })).reverse();
  const adminPost = (url: string, fields: Record<string, string | string[]>, as = { cookie, csrf }) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: as.csrf, ...fields })) for (const x of [v].flat()) body.append(k, x);
    return ctx.app.inject({ method: 'POST', url, headers: { ...formHeaders, cookie: as.cookie }, payload: body.toString() });
  };
  const adminPage = (url = '/admin/webhooks') => ctx.app.inject({ url, headers: { cookie } });
  return { ...ctx, receiver, article, path, post, subscribe, deliver, deliveries, adminPost, adminPage };
}

describe('webhook deliveries', () => {
  it('sends a posted comment once, signed, with the documented headers and payload and no email or IP', async (t) => {
    const ctx = await setUp(t, { ...openSettings, requirePreviouslyApproved: true });
    const webhook = await ctx.subscribe(['comment.created']);
    const id = await ctx.post({ comment: 'Signed and *delivered*.', email: 'very.private@mailbox.example', author: 'Ada Reader', url: 'https://ada.example/' }, '203.0.113.77');
    assert.deepEqual(await ctx.deliver(), { sent: 1, retry: 0, failed: 0 });
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 0, failed: 0 }, 'nothing is sent twice');

    assert.equal(ctx.receiver.received.length, 1);
    const [req] = ctx.receiver.received;
    assert.equal(req!.method, 'POST');
    assert.equal(req!.path, '/hook');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Dateline-Webhooks');
    assert.equal(req!.headers['dateline-event'], 'comment.created');
    assert.match(String(req!.headers['dateline-delivery']), uuidPattern);
    assert.equal(verifyWebhookSignature(webhook.secret, req!.headers['dateline-signature'] as string, req!.body, ctx.clock.now()), true, 'the signature checks with the webhook’s secret');
    assert.equal(verifyWebhookSignature('another-secret', req!.headers['dateline-signature'] as string, req!.body, ctx.clock.now()), false);

    const payload = JSON.parse(req!.body);
    assert.deepEqual(Object.keys(payload).sort(), ['createdAt', 'data', 'event', 'id']);
    assert.equal(payload.id, req!.headers['dateline-delivery']);
    assert.equal(payload.event, 'comment.created');
    assert.equal(payload.createdAt, '2026-11-29T12:00:00.000Z', 'when the comment was posted');
    assert.deepEqual(payload.data.article, { id: ctx.article.id, title: ctx.article.title, url: `${publicUrl}${ctx.path}` });
    const c = payload.data.comment;
    assert.deepEqual(Object.keys(c).sort(), ['articleId', 'authorName', 'authorUrl', 'createdAt', 'html', 'id', 'parentId', 'status', 'url']);
    assert.equal(c.id, id);
    assert.equal(c.articleId, ctx.article.id);
    assert.equal(c.parentId, null);
    assert.equal(c.authorName, 'Ada Reader');
    assert.equal(c.authorUrl, 'https://ada.example/');
    assert.match(c.html, /Signed and <em>delivered<\/em>\./);
    assert.equal(c.status, 'pending', 'a held comment is sent with its status');
    assert.equal(c.createdAt, '2026-11-29T12:00:00.000Z');
    assert.equal(c.url, `${publicUrl}${ctx.path}#comment-${id}`);

    const everything = req!.body + JSON.stringify(req!.headers);
    for (const secret of ['very.private@mailbox.example', 'very.private', 'mailbox.example', '203.0.113.77', '203.0.113']) assert.ok(!everything.includes(secret), `${secret} must not be sent`);
  });

  it('sends each webhook only the events it subscribed to', async (t) => {
    const ctx = await setUp(t);
    const created = await ctx.subscribe(['comment.created'], '/created');
    await ctx.subscribe(['comment.approved', 'comment.status_changed'], '/moderation');
    await ctx.subscribe(['comment.edited', 'comment.deleted'], '/changes');
    await ctx.subscribe(['article.published', 'article.updated'], '/articles');
    const off = await ctx.subscribe(['comment.created', 'comment.approved', 'comment.status_changed', 'comment.edited', 'comment.deleted', 'article.published', 'article.updated'], '/off');
    await ctx.dateline.services.webhooks.setActive(off.id, false);
    // Deliveries go out side by side, so they are compared in a fixed order.
    const sent = (path: string) =>
      ctx.receiver
        .on(path)
        .map((r) => {
          const p = JSON.parse(r.body);
          return [r.headers['dateline-event'], p.data.comment?.id ?? p.data.article.title, p.data.from ?? '', p.data.to ?? ''].join(' ').trim();
        })
        .sort();
    // Each step's deliveries are queued before the next step changes the comment again.
    const step = async (work: Promise<unknown>) => {
      await work;
      await ctx.dateline.webhookEvents.settled();
    };
    const editor = (await ctx.signIn('editor')).staff;

    const first = await ctx.post({ comment: 'Approved at once, then held.' });
    await step(ctx.dateline.services.moderateComment({ commentId: commentId(first), action: 'hold', actor: 'test' }));
    await step(ctx.dateline.services.moderateComment({ commentId: commentId(first), action: 'approve', actor: 'test' }));
    const reply = await ctx.post({ comment: 'A reply that keeps its parent’s place.', comment_parent: String(first) });
    await step(ctx.dateline.services.staffActions.feature({ commentId: commentId(first), on: true, staff: editor }));
    await step(ctx.dateline.services.staffActions.edit({ commentId: commentId(reply), text: 'Edited by the desk.', staff: editor }));
    await step(ctx.dateline.services.deleteOwnComment({ commentId: commentId(first) }));
    await step(ctx.publishSeedArticle(undefined, { slug: 'a-second-story', title: 'A second story' }));
    await step(ctx.publishSeedArticle(undefined, { slug: 'a-second-story', title: 'A second story, corrected' }));
    await step(ctx.publishSeedArticle(undefined, { slug: 'a-draft', title: 'Not out yet', status: 'draft' }));
    await ctx.deliver();

    assert.deepEqual(sent('/created'), [`comment.created ${first}`, `comment.created ${reply}`].sort());
    assert.deepEqual(
      sent('/moderation'),
      [`comment.approved ${first}`, `comment.status_changed ${first} approved pending`, `comment.status_changed ${first} pending approved`, `comment.approved ${first} pending approved`, `comment.approved ${reply}`].sort(),
    );
    assert.deepEqual(sent('/changes'), [`comment.edited ${reply}`, `comment.deleted ${first}`].sort(), 'featuring is neither an edit nor a deletion');
    assert.deepEqual(sent('/articles'), ['article.published A second story', 'article.updated A second story, corrected'], 'a draft is not sent');
    assert.equal(ctx.receiver.on('/off').length, 0, 'a switched-off webhook gets nothing');
    const deleted = ctx.receiver.on('/changes').map((r) => JSON.parse(r.body)).find((p) => p.event === 'comment.deleted');
    assert.equal(deleted.data.comment.authorName, '[deleted]');
    assert.equal((await ctx.deliveries(created.id)).length, 2);
  });
});

describe('a receiver that fails', () => {
  it('keeps a delivery through an hour of the receiver being down, then delivers it exactly once with the same id', async (t) => {
    const ctx = await setUp(t);
    const webhook = await ctx.subscribe(['comment.created']);
    await ctx.receiver.stop();
    const id = await ctx.post({ comment: 'Written while the receiver was down.' });
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 1, failed: 0 });
    const [queued] = await ctx.deliveries(webhook.id);
    assert.equal(queued!.status, 'queued');
    assert.equal(queued!.attempts, 1);
    assert.equal(queued!.lastStatus, null);
    assert.match(queued!.lastError ?? '', /ECONNREFUSED|fetch failed/);

    // An hour of the worker's passes (every 2 s in production; each minute here) while it is down.
    let tries = 1;
    for (let minute = 0; minute < 60; minute++) {
      ctx.clock.advance(60);
      tries += (await ctx.deliver()).retry;
    }
    const [waiting] = await ctx.deliveries(webhook.id);
    assert.equal(waiting!.status, 'queued');
    assert.equal(waiting!.attempts, tries);
    assert.ok(tries >= 5 && tries <= 10, `backoff: ${tries} attempts in an hour`);
    assert.ok(waiting!.nextAttemptAt.getTime() - ctx.clock.now().getTime() <= 30 * 60_000, 'never more than 30 minutes apart');

    await ctx.receiver.start(); // the same port
    ctx.clock.advance(30 * 60);
    assert.deepEqual(await ctx.deliver(), { sent: 1, retry: 0, failed: 0 });
    ctx.clock.advance(3 * 3600);
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 0, failed: 0 });
    assert.equal(ctx.receiver.received.length, 1);
    const req = ctx.receiver.received[0]!;
    assert.equal(req.headers['dateline-delivery'], queued!.deliveryId, 'the id it was queued with');
    assert.equal(JSON.parse(req.body).data.comment.id, id);
    const [sent] = await ctx.deliveries(webhook.id);
    assert.equal(sent!.status, 'sent');
    assert.equal(sent!.attempts, tries + 1);
    assert.equal(sent!.lastStatus, 200);
    assert.equal(sent!.lastResponse, 'thanks');
  });

  it('delivers what was queued before a restart from the new process', async (t) => {
    const ctx = await setUp(t);
    await ctx.subscribe(['comment.created']);
    await ctx.receiver.stop();
    await ctx.post({ comment: 'Queued before the restart.' });
    await ctx.deliver();
    await ctx.app.close();
    await ctx.dateline.close();

    await ctx.receiver.start();
    const again = await createDateline(ctx.config, { clock: ctx.clock });
    t.after(() => again.close());
    ctx.clock.advance(60);
    assert.deepEqual(await again.webhookWorker.deliverDue(), { sent: 1, retry: 0, failed: 0 });
    assert.match(ctx.receiver.received[0]!.body, /Queued before the restart\./);
  });

  it('retries a 500, shows its status and the start of its body in the admin, and gives up after three days', async (t) => {
    const ctx = await setUp(t);
    const webhook = await ctx.subscribe(['comment.created']);
    ctx.receiver.answer(500, `The <database> is on fire. ${'x'.repeat(5000)}`);
    await ctx.post({ comment: 'Into the fire.' });
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 1, failed: 0 });
    const [d] = await ctx.deliveries(webhook.id);
    assert.equal(d!.lastStatus, 500);
    assert.equal(d!.lastError, 'HTTP 500');
    assert.equal(d!.lastResponse?.length, 2048, 'the first 2 KB of the body');
    assert.ok(d!.lastResponse?.startsWith('The <database> is on fire.'));

    const page = await ctx.adminPage();
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /HTTP 500/);
    assert.match(page.body, /The &lt;database> is on fire\./, 'escaped');
    assert.match(page.body, /, next try /);
    assert.match(page.body, new RegExp(d!.deliveryId));

    ctx.clock.advance(30);
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 1, failed: 0 }, 'tried again after 30 s');
    ctx.clock.advance(3 * 86_400);
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 0, failed: 1 }, 'three days after it was queued');
    const [failed] = await ctx.deliveries(webhook.id);
    assert.equal(failed!.status, 'failed');
    assert.equal(failed!.attempts, 3);
    assert.equal((await ctx.dateline.stores.webhooks.find(webhook.id))?.active, true, 'a 500 does not switch the webhook off');
  });

  it('treats a redirect as a failure and does not follow it', async (t) => {
    const ctx = await setUp(t);
    const webhook = await ctx.subscribe(['comment.created']);
    ctx.receiver.answer(302);
    await ctx.post();
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 1, failed: 0 });
    assert.equal(ctx.receiver.received.length, 1, 'nothing followed');
    const [d] = await ctx.deliveries(webhook.id);
    assert.equal(d!.lastStatus, 302);
    assert.match(d!.lastError ?? '', /redirects are not followed/);
  });

  it('fails a delivery answered 410 Gone for good and switches the webhook off', async (t) => {
    const ctx = await setUp(t);
    const webhook = await ctx.subscribe(['comment.created']);
    ctx.receiver.answer(410, 'unsubscribed');
    await ctx.post({ comment: 'The receiver is gone.' });
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 0, failed: 1 });
    assert.equal((await ctx.dateline.stores.webhooks.find(webhook.id))?.active, false);
    ctx.receiver.answer(200);
    await ctx.post({ comment: 'Nobody is listening now.' });
    ctx.clock.advance(3600);
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 0, failed: 0 });
    assert.equal(ctx.receiver.received.length, 1);
    assert.equal((await ctx.deliveries(webhook.id)).length, 1, 'nothing is queued for a webhook that is off');
    assert.match((await ctx.adminPage()).body, /\(off\)/);
  });
});

describe('several workers', () => {
  it('queues an event once, however many instances hear of it', async (t) => {
    const ctx = await setUp(t);
    const webhook = await ctx.subscribe(['comment.created']);
    const second = await createDateline(ctx.config, { clock: ctx.clock, migrate: false });
    t.after(() => second.close());
    // On PostgreSQL the second instance hears the event (NOTIFY) and hands it to its listeners;
    // SQLite instances are told only that something changed.
    let heard: () => void = () => undefined;
    const told = new Promise<void>((resolve) => (heard = resolve));
    await second.database.subscribe((message) => {
      if (message.includes('comment.created')) heard();
    });
    await ctx.post({ comment: 'Heard everywhere, queued once.' });
    if (second.database.dialect === 'postgres') {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([told, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the second instance never heard of the comment')), 5000)))]);
      clearTimeout(timer);
    }
    await second.webhookEvents.settled();
    assert.deepEqual(await ctx.deliver(), { sent: 1, retry: 0, failed: 0 });
    assert.equal((await ctx.deliveries(webhook.id)).length, 1);
  });

  it('delivers each delivery exactly once when passes run at once, in one instance and in two', async (t) => {
    const ctx = await setUp(t);
    for (const path of ['/a', '/b', '/c']) await ctx.subscribe(['comment.created', 'comment.approved'], path);
    for (let n = 0; n < 6; n++) await ctx.post({ comment: `Comment ${n}.` });
    await ctx.dateline.webhookEvents.settled();
    const second = await createDateline(ctx.config, { clock: ctx.clock, migrate: false });
    t.after(() => second.close());
    const results = await Promise.all([ctx.dateline.webhookWorker.deliverDue(), ctx.dateline.webhookWorker.deliverDue(), second.webhookWorker.deliverDue()]);
    assert.equal(results.reduce((n, r) => n + r.sent, 0), 36);
    assert.equal(ctx.receiver.received.length, 36);
    assert.equal(new Set(ctx.receiver.received.map((r) => r.headers['dateline-delivery'])).size, 36);
    assert.deepEqual(await ctx.dateline.stores.webhooks.counts(), { queued: 0, sent: 36, failed: 0 });
  });
});


describe('the Webhooks page', () => {
  it('refuses a URL that is not http(s) or no event with a clear error, keeping what was typed', async (t) => {
    const ctx = await setUp(t);
    const cases: [string, string[], RegExp][] = [
      ['ftp://files.example/hook', ['comment.created'], /must start with https:\/\/ or http:\/\/ \(not ftp:\)/],
      ['javascript:alert(1)', ['comment.created'], /must start with https:\/\/ or http:\/\//],
      ['not a url at all', ['comment.created'], /not a valid address/],
      ['', ['comment.created'], /Enter the URL/],
      ['https://hooks.example/in', [], /Choose at least one event/],
      ['https://hooks.example/in', ['comment.exploded'], /Choose at least one event/],
    ];
    for (const [url, events, message] of cases) {
      const res = await ctx.adminPost('/admin/webhooks', { url, events });
      assert.equal(res.statusCode, 422, `${url} ${events}`);
      assert.match(res.body, message);
      if (url) assert.ok(res.body.includes(`value="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`), 'the URL typed is kept');
    }
    assert.deepEqual(await ctx.dateline.stores.webhooks.list(), []);
  });

  it('adds a webhook, shows its secret, and sends a signed test ping', async (t) => {
    const ctx = await setUp(t);
    const added = await ctx.adminPost('/admin/webhooks', { url: ctx.receiver.url('/from-admin'), events: ['comment.created', 'article.published'] });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/admin/webhooks?done=added');
    const [webhook] = await ctx.dateline.stores.webhooks.list();
    assert.deepEqual(webhook?.events, ['comment.created', 'article.published']);
    const page = await ctx.adminPage(String(added.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Webhook added/);
    assert.ok(page.body.includes(ctx.receiver.url('/from-admin')));
    assert.ok(page.body.includes(webhook!.secret), 'the secret is shown for the receiver');
    assert.match(page.body, /No deliveries yet/);

    const ping = await ctx.adminPost('/admin/webhooks/act', { id: String(webhook!.id), action: 'ping' });
    assert.equal(ping.statusCode, 303);
    assert.deepEqual(await ctx.deliver(), { sent: 1, retry: 0, failed: 0 });
    const [req] = ctx.receiver.received;
    assert.equal(req!.headers['dateline-event'], 'ping');
    assert.equal(verifyWebhookSignature(webhook!.secret, req!.headers['dateline-signature'] as string, req!.body, ctx.clock.now()), true);
    assert.equal(JSON.parse(req!.body).event, 'ping');
    const after = await ctx.adminPage();
    assert.match(after.body, /<code>ping<\/code>/);
    assert.match(after.body, /Delivered/);
    assert.match(after.body, /HTTP 200/);
  });

  it('retries a delivery now, switches a webhook off and on, gives it a new secret, and deletes it', async (t) => {
    const ctx = await setUp(t);
    const webhook = await ctx.subscribe(['comment.created']);
    ctx.receiver.answer(503, 'maintenance');
    await ctx.post({ comment: 'Retry me.' });
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 1, failed: 0 });
    const [d] = await ctx.deliveries(webhook.id);
    assert.match((await ctx.adminPage()).body, /Try again now/);

    ctx.receiver.answer(200, 'ok');
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 0, failed: 0 }, 'not due for 30 s');
    const retry = await ctx.adminPost('/admin/webhooks/retry', { id: String(d!.id) });
    assert.equal(retry.statusCode, 303);
    assert.deepEqual(await ctx.deliver(), { sent: 1, retry: 0, failed: 0 }, 'due at once');
    assert.equal((await ctx.adminPost('/admin/webhooks/retry', { id: String(d!.id) })).headers.location, '/admin/webhooks?done=missing', 'a delivered one is not sent again');

    assert.equal((await ctx.adminPost('/admin/webhooks/act', { id: String(webhook.id), action: 'deactivate' })).statusCode, 303);
    await ctx.adminPost('/admin/webhooks/act', { id: String(webhook.id), action: 'ping' });
    assert.deepEqual(await ctx.deliver(), { sent: 0, retry: 0, failed: 0 }, 'nothing goes to a webhook that is off');
    assert.match((await ctx.adminPage()).body, /Switch on/);
    await ctx.adminPost('/admin/webhooks/act', { id: String(webhook.id), action: 'activate' });
    await ctx.adminPost('/admin/webhooks/act', { id: String(webhook.id), action: 'rotate' });
    const rotated = await ctx.dateline.stores.webhooks.find(webhook.id);
    assert.notEqual(rotated?.secret, webhook.secret);
    assert.deepEqual(await ctx.deliver(), { sent: 1, retry: 0, failed: 0 }, 'the ping waited for it');
    const ping = ctx.receiver.received.at(-1)!;
    assert.equal(ping.headers['dateline-event'], 'ping');
    assert.equal(verifyWebhookSignature(rotated!.secret, ping.headers['dateline-signature'] as string, ping.body, ctx.clock.now()), true, 'signed with the new secret');
    assert.equal(verifyWebhookSignature(webhook.secret, ping.headers['dateline-signature'] as string, ping.body, ctx.clock.now()), false);

    const gone = await ctx.adminPost('/admin/webhooks/act', { id: String(webhook.id), action: 'delete' });
    assert.equal(gone.headers.location, '/admin/webhooks?done=delete');
    assert.deepEqual(await ctx.dateline.stores.webhooks.list(), []);
    assert.deepEqual(await ctx.dateline.stores.webhooks.counts(), { queued: 0, sent: 0, failed: 0 }, 'its deliveries went with it');
    assert.match((await ctx.adminPage()).body, /No webhooks yet/);
    for (const fields of [{}, { id: 'x', action: 'ping' }, { id: String(webhook.id), action: 'explode' }] as Record<string, string>[]) {
      const res = await ctx.adminPost('/admin/webhooks/act', fields);
      assert.ok(res.statusCode < 500, JSON.stringify(fields));
    }
  });

  it('is for admins only: editors and moderators are refused and see no link to it', async (t) => {
    const ctx = await setUp(t);
    const webhook = await ctx.subscribe(['comment.created']);
    for (const role of ['editor', 'moderator'] as const) {
      const who = await ctx.signIn(role);
      assert.equal((await ctx.app.inject({ url: '/admin/webhooks', headers: { cookie: who.cookie } })).statusCode, 403, role);
      assert.equal((await ctx.adminPost('/admin/webhooks', { url: ctx.receiver.url(), events: 'comment.created' }, who)).statusCode, 403, role);
      assert.equal((await ctx.adminPost('/admin/webhooks/act', { id: String(webhook.id), action: 'delete' }, who)).statusCode, 403, role);
      assert.equal((await ctx.adminPost('/admin/webhooks/retry', { id: '1' }, who)).statusCode, 403, role);
      const home = await ctx.app.inject({ url: '/admin/', headers: { cookie: who.cookie } });
      assert.ok(!home.body.includes('href="/admin/webhooks"'), role);
    }
    assert.equal((await ctx.dateline.stores.webhooks.list()).length, 1);
    assert.ok((await ctx.adminPage()).body.includes('href="/admin/webhooks"'), 'an admin has the link');
  });
});
