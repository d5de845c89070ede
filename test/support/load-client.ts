// The clients of the load scenario (test/reliability/load.test.ts), the live reader also used
// by bench/sse.ts: live readers that remember every comment id their stream announced, an
// open-loop driver that starts work at a fixed rate whether or not earlier work has finished (so
// a slow server shows as latency, not as a lower rate), timed GETs, and the two statistics the
// scenario judges by.

import { Agent, get, type ClientRequest } from 'node:http';
import { parseEvents } from './event-stream.ts';

/** One open article stream, over as many connections as it took. */
export interface LiveReader {
  /** Comment ids of the `comment.added` events received, in order, over every connection. */
  readonly received: number[];
  /** Whether the current connection was answered 200 and is still open. */
  readonly connected: boolean;
  /** Connections made: 1 unless a stream was lost and resumed. */
  readonly connections: number;
  /** What went wrong while reading: a refused or failed connection, an answer other than 200, a stream that ended. */
  readonly problems: string[];
  /** Stops reading; anything that happens to the stream afterwards is not a problem. */
  close(): void;
}

/** How long a lost reader waits before resuming (the browser's EventSource waits the stream's `retry:`; tests need not). */
const resumeAfterMs = 250;

/**
 * Reads an article's live stream over a raw connection of its own (`agent: false`, as every
 * browser tab holds one). With `resume`, a lost stream is opened again with Last-Event-ID, as
 * EventSource does, so what arrives after the loss is still counted; the loss stays a problem.
 */
export function openLiveReader(url: string, options: { resume?: boolean } = {}): LiveReader {
  let lastEventId: string | undefined;
  let current: ClientRequest | undefined;
  let closed = false;
  const reader = {
    received: [] as number[],
    connected: false,
    connections: 0,
    problems: [] as string[],
    close() {
      closed = true;
      reader.connected = false;
      current?.destroy();
    },
  };

  function lost(request: ClientRequest, why: string): void {
    // A failure is reported by both the request and the response; count it once.
    if (closed || request !== current) return;
    current = undefined;
    reader.connected = false;
    reader.problems.push(why);
    if (options.resume) setTimeout(() => closed || connect(), resumeAfterMs);
  }

  function connect(): void {
    reader.connections++;
    let pending = '';
    const headers: Record<string, string> = { accept: 'text/event-stream', ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) };
    const request: ClientRequest = get(url, { agent: false, headers }, (response) => {
      response.on('close', () => lost(request, 'the stream ended'));
      if (response.statusCode !== 200) {
        response.resume();
        return lost(request, `answered ${response.statusCode}`);
      }
      reader.connected = true;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const parsed = parseEvents(pending + chunk);
        pending = parsed.rest;
        for (const event of parsed.events) {
          if (event.id !== undefined) lastEventId = event.id;
          if (event.event === 'comment.added') reader.received.push((JSON.parse(event.data) as { commentId: number }).commentId);
        }
      });
    });
    request.on('error', (e: NodeJS.ErrnoException) => lost(request, e.code ?? e.message));
    current = request;
  }

  connect();
  return reader;
}

/** One request's outcome: its status (or the socket error's code) and the time to the last byte. */
export interface Timed {
  readonly what: string;
  readonly status: number | string;
  readonly ms: number;
}

/**
 * Starts `task(n)` `perSecond` times a second from now until stopped, on schedule: when the
 * event loop was held up, the starts that fell due meanwhile all go at once, as independent
 * visitors would arrive. `stop` waits for what has started.
 */
export function atSteadyRate(perSecond: number, task: (n: number) => Promise<void>): { stop(): Promise<void>; started(): number } {
  const startedAt = performance.now();
  const running = new Set<Promise<void>>();
  let started = 0;
  const tick = () => {
    const due = Math.floor(((performance.now() - startedAt) / 1000) * perSecond);
    while (started < due) {
      const run = task(started++).finally(() => running.delete(run));
      running.add(run);
    }
  };
  const timer = setInterval(tick, 5);
  return {
    started: () => started,
    async stop() {
      clearInterval(timer);
      await Promise.all([...running]);
    },
  };
}

/** A GET of `url` on `agent`, read to the end; never rejects (a socket error is its status). */
export function timedGet(agent: Agent, url: string): Promise<Timed> {
  const began = performance.now();
  const done = (status: number | string): Timed => ({ what: `GET ${new URL(url).pathname}`, status, ms: performance.now() - began });
  return new Promise((resolve) => {
    const request = get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(done(response.statusCode ?? 0)));
      response.on('error', (e: NodeJS.ErrnoException) => resolve(done(e.code ?? e.message)));
    });
    request.on('error', (e: NodeJS.ErrnoException) => resolve(done(e.code ?? e.message)));
  });
}

/** The `p`th percentile (0–100) of `values`, nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The least-squares slope of `y` over `x`, per unit of `x`; NaN with fewer than two points. */
export function slope(points: readonly { readonly x: number; readonly y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

/**
 * The lowest point in each `width` of `x` (points sorted by x): the floor of a memory curve,
 * which what is retained raises and passing garbage (the sawtooth between collections) does not.
 */
export function floors(points: readonly { readonly x: number; readonly y: number }[], width: number): { x: number; y: number }[] {
  const lowest = new Map<number, { x: number; y: number }>();
  const start = points[0]?.x ?? 0;
  for (const p of points) {
    const bucket = Math.floor((p.x - start) / width);
    const seen = lowest.get(bucket);
    if (!seen || p.y < seen.y) lowest.set(bucket, { x: p.x, y: p.y });
  }
  return [...lowest.values()];
}
