import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleId, commentId, type ArticleId } from '../domain/ids.ts';
import type { LiveEventKind } from '../domain/live-event.ts';
import { trustHtml } from '../domain/trusted-html.ts';
import { KeyedHash } from '../lib/keyed-hash.ts';
import type { LiveEventFeed, LiveEventRow } from './live-event-store.ts';
import { createLiveHub, type LiveStream, type LiveStreamEnd } from './live-hub.ts';

const article = articleId(1);

/** The log in memory, counting the reads the hub makes. */
function memoryFeed() {
  const rows: LiveEventRow[] = [];
  let reads = 0;
  const feed: LiveEventFeed = {
    latestId: async () => rows.at(-1)?.id ?? 0,
    oldestId: async () => rows[0]?.id ?? null,
    async listAfter(q) {
      reads++;
      return rows.filter((r) => r.id > q.afterId && (q.upToId === undefined || r.id <= q.upToId) && (q.articleId === undefined || r.articleId === q.articleId)).slice(0, q.limit);
    },
    discussions: async (ids: readonly ArticleId[]) => new Map(ids.map((id) => [id, { title: 'T', approvedCount: rows.length }])),
    deleteBefore: async () => 0,
  };
  const add = (id: number, kind: LiveEventKind = 'comment.added') =>
    rows.push({
      id, articleId: article, kind, commentId: commentId(id), at: new Date(0),
      comment: { id: commentId(id), articleId: article, parentId: null, authorName: 'A', authorEmail: 'a@example.com', authorUrl: null, bodyHtml: trustHtml('<p>hi</p>'), status: 'approved', createdAt: new Date(0), featuredAt: null, editedAt: null, staffId: null },
    });
  return { feed, add, reads: () => reads, prune: (n: number) => rows.splice(0, n) };
}

function fakeStream(options: { drains?: boolean } = {}) {
  const got: number[] = [];
  let ended: LiveStreamEnd | null = null;
  let blocked = false;
  const stream: LiveStream = {
    write(chunk) {
      if (blocked) return false;
      for (const m of chunk.toString().matchAll(/^id: (\d+)$/gm)) got.push(Number(m[1]));
      if (options.drains === false) blocked = true; // its socket buffer stays full
      return true;
    },
    heartbeat: () => !blocked,
    end: (why) => void (ended = why),
  };
  return { stream, got, ended: () => ended };
}

/** Waits for the wake-up in flight (stop() awaits it; the timers it clears are not used here). */
const settled = (hub: { stop(): Promise<void> }) => hub.stop();

async function hubOver(feed: LiveEventFeed) {
  const hub = createLiveHub({ feed, keyedHash: new KeyedHash('k'.repeat(32)), encode: (u) => `id: ${u.id}\ndata: {}\n\n`, log: { error: () => undefined }, limits: { pollMs: 60_000, heartbeatMs: 60_000, replayLimit: 3 } });
  await hub.start();
  return hub;
}

test('reads the log once per wake-up however many streams are open', async () => {
  const log = memoryFeed();
  const hub = await hubOver(log.feed);
  const streams = Array.from({ length: 50 }, () => fakeStream());
  await Promise.all(streams.map((s) => hub.join(article, null, s.stream).ready));
  const before = log.reads();
  log.add(1);
  log.add(2);
  hub.wake();
  hub.wake(); // coalesces with the first
  await settled(hub);
  assert.equal(log.reads() - before, 1);
  for (const s of streams) assert.deepEqual(s.got, [1, 2]);
});

test('closes a stream whose reader does not keep up, instead of buffering for it', async () => {
  const log = memoryFeed();
  const hub = await hubOver(log.feed);
  const slow = fakeStream({ drains: false });
  const fine = fakeStream();
  await hub.join(article, null, slow.stream).ready;
  await hub.join(article, null, fine.stream).ready;
  for (const id of [1, 2]) {
    log.add(id);
    hub.wake();
    await settled(hub);
  }
  assert.equal(slow.ended(), 'slow');
  assert.deepEqual(slow.got, [1]);
  assert.deepEqual(fine.got, [1, 2]);
  assert.equal(hub.streamCount(), 1);
});

test('tells a reader to reload when the events it missed were pruned or are too many to replay', async () => {
  const log = memoryFeed();
  for (const id of [1, 2, 3, 4, 5, 6]) log.add(id);
  const hub = await hubOver(log.feed);
  const tooFar = fakeStream();
  await hub.join(article, 1, tooFar.stream).ready;
  assert.equal(tooFar.ended(), 'stale', 'five missed, three may be replayed');
  log.prune(4);
  const pruned = fakeStream();
  await hub.join(article, 3, pruned.stream).ready;
  assert.equal(pruned.ended(), 'stale', 'event 4 is gone');
  const near = fakeStream();
  await hub.join(article, 4, near.stream).ready;
  assert.equal(near.ended(), null);
  assert.deepEqual(near.got, [5, 6]);
});

test('ends every stream with a reconnect hint on shutdown, and takes no more', async () => {
  const hub = await hubOver(memoryFeed().feed);
  const s = fakeStream();
  await hub.join(article, null, s.stream).ready;
  hub.closeAll();
  assert.equal(s.ended(), 'shutdown');
  assert.equal(hub.hasRoom(), false);
  await hub.stop();
});
