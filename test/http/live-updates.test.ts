// Live updates over Server-Sent Events, end to end on a real port: what a reader's open
// article page is sent (approved comments only, public fields only, removals), how a dropped
// stream resumes without a gap or a double, the limits of one instance, shutdown, and several
// instances on one database each telling their streams what the others wrote.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parseArticleFile } from '../../src/articles/parse-article-file.ts';
import { articlePath } from '../../src/domain/article.ts';
import { articleId, commentId, type ArticleId } from '../../src/domain/ids.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { createDateline, type Dateline, type DatelineOptions } from '../../src/main.ts';
import { buildTestApp, seedArticlePath, testConfig } from '../support/build-test-app.ts';
import { freshDatabaseUrl, postgresAvailable, testDialect, type DialectName } from '../support/dialects.ts';
import { openEventStream, type ServerSentEvent } from '../support/event-stream.ts';

const openSettings = { requirePreviouslyApproved: false, floodIntervalSeconds: 0 };
const secretEmail = 'ada.private@example.com';
const secretIp = '198.51.100.77';

let n = 0;
/** A comment from a reader, through the same use case as the form (approved at once under openSettings). */
function submit(dateline: Dateline, article: ArticleId, text: string, parentId: number | null = null) {
  return dateline.services.submitComment({ articleId: article, parentId: parentId === null ? null : commentId(parentId), authorName: 'Ada Reader', authorEmail: secretEmail, authorUrl: '', bodyText: `${text} (${++n})`, ip: secretIp, userAgent: 'test' });
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** A site on a real port with the seed article, comments approved at once. */
async function liveSite(t: TestContext) {
  const testApp = await buildTestApp(t, { settings: openSettings });
  const { article } = await testApp.publishSeedArticle();
  const baseUrl = await listen(testApp.app);
  const streamUrl = `${baseUrl}/live/articles/${article.id}`;
  const approve = (id: number) => testApp.dateline.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'test' });
  return { ...testApp, article, baseUrl, streamUrl, approve };
}

const data = (event: ServerSentEvent) => JSON.parse(event.data) as { commentId: number; parentId: number | null; html?: string; count: number; heading: string };
const ofKind = (events: ServerSentEvent[], kind: string) => events.filter((e) => e.event === kind);

describe('live updates of an article page', () => {
  it('sends a newly approved comment as the page would show it, with the new count', async (t) => {
    const site = await liveSite(t);
    const stream = await openEventStream(t, site.streamUrl);
    const { comment } = await submit(site.dateline, site.article.id, 'A live comment <script>alert(1)</script>');
    await stream.waitFor('the comment to arrive', (events) => ofKind(events, 'comment.added').length === 1);
    const [added] = ofKind(stream.events, 'comment.added');
    const body = data(added!);
    assert.equal(body.commentId, comment.id);
    assert.equal(body.parentId, null);
    assert.equal(body.count, 1);
    assert.match(body.heading, /^One comment on “/);
    assert.match(body.html!, new RegExp(`^<li id="comment-${comment.id}" class="comment depth-1">`));
    assert.match(body.html!, /A live comment/);
    assert.doesNotMatch(body.html!, /<script/);
  });

  it('never sends an email or IP address', async (t) => {
    const site = await liveSite(t);
    const stream = await openEventStream(t, site.streamUrl);
    await submit(site.dateline, site.article.id, 'Private details stay private');
    await stream.waitFor('the comment to arrive', (events) => events.length === 1);
    assert.doesNotMatch(stream.raw(), new RegExp(`${secretEmail}|${secretIp}|ada\\.private`));
  });

  it('keeps a held comment off the stream until a moderator approves it', async (t) => {
    const site = await liveSite(t);
    await site.dateline.stores.settings.saveDiscussion({ holdAllComments: true });
    const stream = await openEventStream(t, site.streamUrl);
    const { comment } = await submit(site.dateline, site.article.id, 'Held for review');
    assert.equal(comment.status, 'pending');
    await site.approve(comment.id);
    await stream.waitFor('the approval to arrive', (events) => events.length >= 1);
    assert.deepEqual(stream.events.map((e) => [e.event, data(e).commentId]), [['comment.added', comment.id]], 'only the approval, never the held comment');
  });

  it('tells open pages to drop a comment taken out of public view', async (t) => {
    const site = await liveSite(t);
    const { comment } = await submit(site.dateline, site.article.id, 'Soon to be spam');
    const stream = await openEventStream(t, site.streamUrl);
    await site.dateline.services.moderateComment({ commentId: comment.id, action: 'spam', actor: 'test' });
    await stream.waitFor('the removal', (events) => events.length === 1);
    const [removed] = stream.events;
    assert.equal(removed!.event, 'comment.removed');
    assert.equal(data(removed!).commentId, comment.id);
    assert.equal(data(removed!).html, undefined);
    assert.equal(data(removed!).count, 0);
  });

  it('resumes a dropped stream from Last-Event-ID with exactly the events it missed', async (t) => {
    const site = await liveSite(t);
    const first = await openEventStream(t, site.streamUrl);
    await submit(site.dateline, site.article.id, 'Before the drop');
    await submit(site.dateline, site.article.id, 'Also before the drop');
    await first.waitFor('two comments', (events) => events.length === 2);
    first.close();
    const lastSeen = first.events[1]!.id!;
    const missed = [];
    for (const text of ['Missed one', 'Missed two', 'Missed three']) missed.push((await submit(site.dateline, site.article.id, text)).comment.id);

    const resumed = await openEventStream(t, site.streamUrl, { 'last-event-id': lastSeen });
    await resumed.waitFor('the three missed comments', (events) => events.length >= 3);
    const after = (await submit(site.dateline, site.article.id, 'After the resume')).comment.id;
    await resumed.waitFor('the next comment', (events) => events.length >= 4);
    assert.deepEqual(resumed.events.map((e) => data(e).commentId), [...missed, after], 'each once, in order');
    const ids = resumed.events.map((e) => Number(e.id));
    assert.ok(ids.every((id, i) => id > Number(lastSeen) && (i === 0 || id > ids[i - 1]!)), 'ids grow past the one resumed from');
  });

  it('catches a page up from the event id it was rendered at', async (t) => {
    const site = await liveSite(t);
    const page = await (await fetch(`${site.baseUrl}${articlePath(site.article)}`)).text();
    const after = /data-live-after="(\d+)"/.exec(page)?.[1];
    assert.ok(after !== undefined, 'the page carries the event id it was rendered at');
    const { comment } = await submit(site.dateline, site.article.id, 'Written while the page loaded');
    const stream = await openEventStream(t, `${site.streamUrl}?after=${after}`);
    await stream.waitFor('the comment written in between', (events) => events.length === 1);
    assert.equal(data(stream.events[0]!).commentId, comment.id);
  });

  it('is never cached, and tells the browser how soon to reconnect', async (t) => {
    const site = await liveSite(t);
    const stream = await openEventStream(t, site.streamUrl);
    assert.equal(stream.response.statusCode, 200);
    assert.match(String(stream.response.headers['content-type']), /^text\/event-stream/);
    assert.equal(stream.response.headers['cache-control'], 'no-store');
    assert.match(String(stream.response.headers['content-security-policy']), /default-src 'self'/);
    await stream.waitFor('the retry hint', () => /^retry: \d+\n\n/.test(stream.raw()));
    assert.equal(site.dateline.cache.size, 0, 'nothing entered the page cache');
  });

  it('answers 404 for an article that does not exist', async (t) => {
    const site = await liveSite(t);
    assert.equal((await fetch(`${site.baseUrl}/live/articles/999999`)).status, 404);
  });

  it('ends open streams with a retry hint when the server closes, without holding the close up', async (t) => {
    const site = await liveSite(t);
    const stream = await openEventStream(t, site.streamUrl);
    await site.app.close();
    await stream.ended;
    assert.match(stream.raw(), /retry: \d+\n\n$/);
  });
});

describe('an instance at its stream limit', () => {
  it('answers 503 with Retry-After, and takes streams again once one closes', async (t) => {
    const site = await instance(t, testDialect, await freshDatabaseUrl(t, testDialect), { liveLimits: { maxStreams: 2 } });
    const url = `${site.baseUrl}/live/articles/${site.article.id}`;
    const open = [await openEventStream(t, url), await openEventStream(t, url)];
    const refused = await fetch(url);
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    open[0]!.close();
    await waitUntil('the closed stream to be forgotten', () => site.dateline.liveHub.streamCount() === 1);
    assert.equal((await openEventStream(t, url)).response.statusCode, 200);
  });
});

const dialects: DialectName[] = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
for (const dialect of dialects) {
  describe(`two instances on one ${dialect} database`, () => {
    it('each stream gets the events written through the other instance', async (t) => {
      const databaseUrl = await freshDatabaseUrl(t, dialect);
      const a = await instance(t, dialect, databaseUrl);
      const b = await instance(t, dialect, databaseUrl, { publish: false });
      const onA = await openEventStream(t, `${a.baseUrl}/live/articles/${a.article.id}`);
      const onB = await openEventStream(t, `${b.baseUrl}/live/articles/${a.article.id}`);
      const fromA = (await submit(a.dateline, a.article.id, 'Written on A')).comment.id;
      const fromB = (await submit(b.dateline, a.article.id, 'Written on B')).comment.id;
      for (const stream of [onA, onB]) {
        await stream.waitFor('both comments', (events) => events.length >= 2);
        assert.deepEqual(stream.events.map((e) => data(e).commentId), [fromA, fromB]);
      }
    });
  });
}

/** A Dateline of its own on `databaseUrl`, listening; publishes the seed article unless told not to. */
async function instance(t: TestContext, dialect: DialectName, databaseUrl: string, options: DatelineOptions & { publish?: boolean } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-live-'));
  const config = testConfig(dataDir, { databaseUrl, ...(dialect === 'postgres' ? { secret: '', secretSource: 'database' as const } : {}) });
  const dateline = await createDateline(config, { clock: new FixedClock('2026-11-29T12:00:00Z'), ...options });
  if (options.publish !== false) {
    await dateline.stores.settings.saveDiscussion(openSettings);
    await dateline.services.publishArticle(parseArticleFile(readFileSync(seedArticlePath, 'utf8')));
  }
  const app = await dateline.buildApp();
  t.after(async () => {
    await app.close();
    await dateline.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const baseUrl = await listen(app);
  return { dateline, app, baseUrl, article: { id: articleId(1) } };
}

async function waitUntil(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
