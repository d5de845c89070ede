// The live hub: one per instance. It holds the open streams of article pages, reads the
// live-event log after the last id it has seen — once per wake-up, whatever the number of
// streams — and sends each article's new events to that article's streams. Wake-ups come from
// this and other instances' events, and from a short poll (SQLite processes sharing a file).
// A stream that cannot keep up is closed (the browser resumes from Last-Event-ID), so no
// stream ever buffers more than one batch.

import { toPublicComment } from '../comments/public-comment.ts';
import type { PublicComment } from '../domain/comment.ts';
import type { ArticleId, CommentId } from '../domain/ids.ts';
import type { LiveEventKind } from '../domain/live-event.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { LiveDiscussion, LiveEventFeed, LiveEventRow } from './live-event-store.ts';

/** One event as an open page receives it: public fields only. */
export interface LiveUpdate {
  readonly id: number;
  readonly kind: LiveEventKind;
  readonly articleId: ArticleId;
  readonly commentId: CommentId;
  readonly parentId: CommentId | null;
  /** The comment as the public sees it now; null when it is removed from view. */
  readonly comment: PublicComment | null;
  readonly discussion: LiveDiscussion;
}

/** Why a stream ends: the instance stops (come back), the reader is too slow, or too far behind to resume. */
export type LiveStreamEnd = 'shutdown' | 'slow' | 'stale';

/** An open connection, as the HTTP layer implements it. */
export interface LiveStream {
  /** Sends encoded updates (the same bytes to every stream of an article); false when the last write has not drained yet (a slow reader). */
  write(chunk: Buffer): boolean;
  /** Keeps the connection alive through proxies; false as for write. */
  heartbeat(): boolean;
  end(why: LiveStreamEnd): void;
}

export interface LiveHubLimits {
  /** Open streams one instance accepts; beyond, the HTTP layer answers 503. */
  readonly maxStreams: number;
  /** How often the log is read while streams are open, besides wake-ups (other SQLite processes). */
  readonly pollMs: number;
  readonly heartbeatMs: number;
  /** Events a reconnecting stream may catch up on; beyond, it is told to reload. */
  readonly replayLimit: number;
  /** Events read per query. */
  readonly batchLimit: number;
}

export const defaultLiveLimits: LiveHubLimits = { maxStreams: 10_000, pollMs: 1000, heartbeatMs: 25_000, replayLimit: 500, batchLimit: 500 };

export interface LiveHubDeps {
  readonly feed: LiveEventFeed;
  readonly keyedHash: KeyedHash;
  /** Turns an update into what the streams are sent (the HTTP layer's event format); called once per update, not per stream. */
  readonly encode: (update: LiveUpdate) => string;
  readonly limits?: Partial<LiveHubLimits>;
  readonly log: { error(o: object, msg: string): void };
}

interface Subscriber {
  readonly stream: LiveStream;
  readonly articleId: ArticleId;
  /** The last event id this stream was sent (or its page already shows). */
  lastId: number;
  open: boolean;
}

export function createLiveHub(deps: LiveHubDeps) {
  const limits = { ...defaultLiveLimits, ...deps.limits };
  /** Every open stream, including those still catching up. */
  const all = new Set<Subscriber>();
  /** The streams receiving new events, by article. */
  const byArticle = new Map<ArticleId, Set<Subscriber>>();
  let cursor = 0;
  let accepting = true;
  let chain: Promise<void> = Promise.resolve();
  let wakeQueued = false;
  const timers: NodeJS.Timeout[] = [];

  /** Runs tasks one at a time, so the cursor only moves between them (a joining stream sees a still log). */
  function serial(task: () => Promise<void>): Promise<void> {
    chain = chain.then(task).catch((e: unknown) => deps.log.error({ err: e }, 'live updates failed'));
    return chain;
  }

  const toPublic = (c: NonNullable<LiveEventRow['comment']>): PublicComment => toPublicComment(c, deps.keyedHash);

  /** The event as the page should see it now: a comment no longer public is removed, whatever the event said. */
  function toUpdate(row: LiveEventRow, discussion: LiveDiscussion): LiveUpdate {
    const visible = row.kind !== 'comment.removed' && row.comment?.status === 'approved';
    return {
      id: row.id,
      kind: visible ? row.kind : 'comment.removed',
      articleId: row.articleId,
      commentId: row.commentId,
      parentId: row.comment?.parentId ?? null,
      comment: visible && row.comment ? toPublic(row.comment) : null,
      discussion,
    };
  }

  /** Encodes each wanted row once, to bytes every stream shares: [id, bytes] frames per article. */
  async function encodeByArticle(rows: readonly LiveEventRow[], wanted: (article: ArticleId) => boolean): Promise<Map<ArticleId, [number, Buffer][]>> {
    const kept = rows.filter((row) => wanted(row.articleId));
    const frames = new Map<ArticleId, [number, Buffer][]>();
    if (kept.length === 0) return frames;
    const discussions = await deps.feed.discussions([...new Set(kept.map((row) => row.articleId))]);
    for (const row of kept) {
      const discussion = discussions.get(row.articleId);
      if (!discussion) continue; // the article is gone
      const list = frames.get(row.articleId) ?? [];
      list.push([row.id, Buffer.from(deps.encode(toUpdate(row, discussion)))]);
      frames.set(row.articleId, list);
    }
    return frames;
  }

  /** All of a batch's frames as one buffer, made once per batch and shared by its streams. */
  const batchBytes = new WeakMap<readonly [number, Buffer][], Buffer>();
  function joined(frames: readonly [number, Buffer][]): Buffer {
    let bytes = batchBytes.get(frames);
    if (!bytes) batchBytes.set(frames, (bytes = frames.length === 1 ? frames[0]![1] : Buffer.concat(frames.map(([, b]) => b))));
    return bytes;
  }

  /** One write per stream: the frames it has not had yet. */
  function send(subscriber: Subscriber, frames: readonly [number, Buffer][]): void {
    const fresh = frames.filter(([id]) => id > subscriber.lastId);
    if (fresh.length === 0) return;
    subscriber.lastId = fresh[fresh.length - 1]![0];
    const bytes = fresh.length === frames.length ? joined(frames) : Buffer.concat(fresh.map(([, b]) => b));
    if (!subscriber.stream.write(bytes)) drop(subscriber, 'slow');
  }

  function drop(subscriber: Subscriber, why: LiveStreamEnd): void {
    if (!subscriber.open) return;
    remove(subscriber);
    subscriber.stream.end(why);
  }

  function remove(subscriber: Subscriber): void {
    if (!subscriber.open) return;
    subscriber.open = false;
    all.delete(subscriber);
    const set = byArticle.get(subscriber.articleId);
    set?.delete(subscriber);
    if (set?.size === 0) byArticle.delete(subscriber.articleId);
  }

  /** Reads what is new since the cursor and sends it on. Without streams, only the cursor moves. */
  async function pump(): Promise<void> {
    if (byArticle.size === 0) {
      cursor = Math.max(cursor, await deps.feed.latestId());
      return;
    }
    for (;;) {
      const rows = await deps.feed.listAfter({ afterId: cursor, limit: limits.batchLimit });
      if (rows.length === 0) return;
      cursor = rows[rows.length - 1]!.id;
      for (const [article, frames] of await encodeByArticle(rows, (a) => byArticle.has(a))) {
        for (const subscriber of [...(byArticle.get(article) ?? [])]) send(subscriber, frames);
      }
      if (rows.length < limits.batchLimit) return;
    }
  }

  /** Catches a joining stream up from `after` to the cursor, then lets it receive with the others. */
  async function admit(subscriber: Subscriber, after: number | null): Promise<void> {
    subscriber.lastId = after ?? cursor;
    if (!subscriber.open) return;
    if (!accepting) return drop(subscriber, 'shutdown');
    if (subscriber.lastId < cursor) {
      const from = subscriber.lastId;
      const rows = await deps.feed.listAfter({ afterId: from, upToId: cursor, articleId: subscriber.articleId, limit: limits.replayLimit + 1 });
      const oldest = from > 0 ? await deps.feed.oldestId() : null;
      // Too far behind, or events it missed were pruned: only a reload shows the page as it is.
      if (rows.length > limits.replayLimit || (oldest !== null && from + 1 < oldest)) return drop(subscriber, 'stale');
      const frames = (await encodeByArticle(rows, () => true)).get(subscriber.articleId) ?? [];
      if (!subscriber.open) return;
      send(subscriber, frames);
    }
    if (!subscriber.open) return;
    const set = byArticle.get(subscriber.articleId) ?? new Set<Subscriber>();
    set.add(subscriber);
    byArticle.set(subscriber.articleId, set);
  }

  function wake(): void {
    if (wakeQueued) return;
    wakeQueued = true;
    void serial(async () => {
      wakeQueued = false;
      await pump();
    });
  }

  function heartbeat(): void {
    for (const subscriber of [...all]) if (!subscriber.stream.heartbeat()) drop(subscriber, 'slow');
  }

  return {
    /** Reads where the log stands and starts the poll and heartbeat timers. */
    async start(): Promise<void> {
      cursor = await deps.feed.latestId();
      const poll = setInterval(() => byArticle.size > 0 && wake(), limits.pollMs);
      const beat = setInterval(heartbeat, limits.heartbeatMs);
      for (const timer of [poll, beat]) timer.unref();
      timers.push(poll, beat);
    },
    /** The last event id this instance has read: a page rendered now shows everything up to it. */
    cursor: () => cursor,
    /** Whether another stream may open (false past the cap, and once shutting down). */
    hasRoom: () => accepting && all.size < limits.maxStreams,
    streamCount: () => all.size,
    /**
     * Adds a stream for an article; `after` is the last event id the reader has (Last-Event-ID,
     * or the id its page was rendered at), null to start from now. `ready` settles once it is
     * caught up; `leave` removes it (the connection closed).
     */
    join(articleId: ArticleId, after: number | null, stream: LiveStream): { ready: Promise<void>; leave(): void } {
      const subscriber: Subscriber = { stream, articleId, lastId: 0, open: true };
      all.add(subscriber);
      return { ready: serial(() => admit(subscriber, after)), leave: () => remove(subscriber) };
    },
    /** Something may have been written: read the log soon (wake-ups coalesce). */
    wake,
    /** Ends every stream with a hint to reconnect (to another instance, or to this one restarted). */
    closeAll(): void {
      accepting = false;
      for (const subscriber of [...all]) drop(subscriber, 'shutdown');
    },
    async stop(): Promise<void> {
      for (const timer of timers) clearInterval(timer);
      await chain;
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
