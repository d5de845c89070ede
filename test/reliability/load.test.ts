// Load: one real `dateline serve` with LOAD_READERS live readers on the article's stream, while
// comments arrive at a steady rate and pages are viewed at a steady rate, for LOAD_SECONDS.
// Nothing may fail (every request answered, every stream open to the end), every acknowledged
// comment reaches every reader exactly once and is stored exactly once, p99 stays bounded, and
// the server's memory is flat once warm. Prints one line of figures (for BENCHMARKS.md). Both
// dialects (this file names them; not rerun by the PostgreSQL pass). Short form in `npm test`:
// 200 readers for 20 s; RELIABILITY_LONG=1: 1,000 readers for 3 minutes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { freshDatabaseUrl, postgresAvailable, type DialectName } from '../support/dialects.ts';
import { atSteadyRate, floors, openLiveReader, percentile, slope, timedGet, type LiveReader, type Timed } from '../support/load-client.ts';
import { processRssBytes } from '../support/process-memory.ts';
import { assertNothingLost, commentFields, longRun, postForm, prepareLoadSite, seedPath } from '../support/reliability.ts';
import { startServer, waitFor } from '../support/server-process.ts';

const readerCount = Number(process.env.LOAD_READERS ?? (longRun ? 1000 : 200));
const seconds = Number(process.env.LOAD_SECONDS ?? (longRun ? 180 : 20));
const commentsPerSecond = Number(process.env.LOAD_COMMENTS_PER_SECOND ?? 5);
const viewsPerSecond = Number(process.env.LOAD_VIEWS_PER_SECOND ?? 50);
// Bounded, not a speed target (speed is measured by `npm run bench`): generous enough for a
// loaded 2-core CI machine, tight enough that requests stuck behind something show.
const p99BoundMs = Number(process.env.LOAD_P99_MS ?? 500);
const mb = 1024 * 1024;
const growthBoundBytes = 30 * mb;
const rssCeilingBytes = 400 * mb;
// The first quarter (at least 10 s) is warm-up: code is compiled, caches and pools fill, the
// heap grows to the size the load needs. Memory is judged on the samples after it, by the trend
// of its floor (the lowest RSS of each tenth of the rest, at least 5 s): a leak raises the
// floor, while a burst of garbage only makes a peak, which a line through every sample would
// read as growth when it falls near the end.
const warmUpSeconds = Math.max(10, seconds * 0.25);
const floorWindowSeconds = Math.max(5, (seconds - warmUpSeconds) / 10);
// Half the views are the article (dropped from the cache by every comment), the rest the front
// page and the feeds, one of which also changes with every comment.
const viewPaths = [seedPath, seedPath, seedPath, seedPath, seedPath, '/', '/', `${seedPath}feed/`, '/comments/feed/', '/feed/'];
const runPostgres = await postgresAvailable();

/** The server's own unlabelled figures (its /metrics, from loopback): open streams, page cache hits and misses. */
async function serverMetrics(url: string): Promise<{ streams: number; cacheHits: number; cacheMisses: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => {
    const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
    assert.ok(m, `/metrics reports ${name}`);
    return Number(m[1]);
  };
  return { streams: value('dateline_live_streams_open'), cacheHits: value('dateline_page_cache_hits_total'), cacheMisses: value('dateline_page_cache_misses_total') };
}

/** What a reader's ids lack of `expected` (sorted), and what they hold beyond it (doubles included). */
function misdelivered(received: readonly number[], expected: readonly number[]): { missing: number[]; extra: number[] } {
  const counts = new Map<number, number>();
  for (const id of received) counts.set(id, (counts.get(id) ?? 0) + 1);
  const missing = expected.filter((id) => !counts.has(id));
  for (const id of expected) if (counts.has(id)) counts.set(id, counts.get(id)! - 1);
  return { missing, extra: [...counts].flatMap(([id, n]) => Array<number>(Math.max(0, n)).fill(id)) };
}

const fmtMb = (bytes: number) => (bytes / mb).toFixed(1);
const fmtMs = (ms: number) => ms.toFixed(0);

for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
  const skip = dialect === 'postgres' && !runPostgres ? 'PostgreSQL does not answer (CI requires it)' : false;
  describe(`${dialect}: ${readerCount} live readers while comments and page views pour in for ${seconds} s`, { skip }, () => {
    it(`answers every request, delivers every acknowledged comment to every reader exactly once, keeps p99 under ${p99BoundMs} ms and memory flat`, async (t) => {
      const databaseUrl = await freshDatabaseUrl(t, dialect);
      const env = await prepareLoadSite(t, databaseUrl);
      const server = await startServer(t, env);
      const pid = server.child.pid!;
      const agent = new Agent({ keepAlive: true, maxSockets: 32 });
      t.after(() => agent.destroy());
      for (const path of new Set(viewPaths)) assert.equal((await timedGet(agent, server.url + path)).status, 200, `${path} is served before the load`);

      // Readers join in waves, as a story spreading would bring them, and all before the first comment.
      const readers: LiveReader[] = [];
      t.after(() => readers.forEach((r) => r.close()));
      while (readers.length < readerCount) {
        const wave = Math.min(100, readerCount - readers.length);
        for (let i = 0; i < wave; i++) readers.push(openLiveReader(`${server.url}/live/articles/1`, { resume: true }));
        await waitFor(`${readers.length} live readers to connect`, () => readers.every((r) => r.connected || r.problems.length > 0));
      }
      assert.deepEqual(readers.flatMap((r) => r.problems), [], 'every live reader connected');
      const before = await serverMetrics(server.url);
      assert.equal(before.streams, readerCount, 'the server holds every stream');

      // Latency is timed here, so this process's own delays would count as the server's: measured, and printed.
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const samples: { x: number; y: number }[] = [];
      const began = performance.now();
      const loadBefore = loadavg()[0]!;
      const sampler = setInterval(() => samples.push({ x: (performance.now() - began) / 1000, y: processRssBytes(pid) }), 1000);
      t.after(() => clearInterval(sampler));
      const views: Timed[] = [];
      const posts: Timed[] = [];
      const acknowledged = new Map<number, string>();
      const viewing = atSteadyRate(viewsPerSecond, async (n) => {
        views.push(await timedGet(agent, server.url + viewPaths[n % viewPaths.length]!));
      });
      const posting = atSteadyRate(commentsPerSecond, async (n) => {
        const fields = commentFields(`${dialect} load`, n);
        const sent = performance.now();
        const answer = await postForm(server.url, fields).catch((e: NodeJS.ErrnoException) => e.code ?? e.message);
        const ms = performance.now() - sent;
        const id = typeof answer !== 'string' && answer.status === 303 ? Number(/#comment-(\d+)$/.exec(answer.location ?? '')?.[1]) : Number.NaN;
        if (Number.isInteger(id)) acknowledged.set(id, fields.comment);
        const status = typeof answer === 'string' ? answer : Number.isInteger(id) ? 303 : `${answer.status} ${answer.location ?? answer.body.slice(0, 200)}`;
        posts.push({ what: 'POST /comments', status, ms });
      });
      // The scenario is a duration of steady load; nothing to poll for meanwhile.
      await delay(seconds * 1000);
      await Promise.all([viewing.stop(), posting.stop()]);
      clearInterval(sampler);
      loopDelay.disable();

      const expected = [...acknowledged.keys()].sort((a, b) => a - b);
      await waitFor('every reader to receive every acknowledged comment', () => readers.every((r) => r.received.length >= expected.length || !r.connected), 30_000).catch(() => undefined);
      const after = await serverMetrics(server.url);
      readers.forEach((r) => r.close());
      await server.kill('SIGTERM');

      // The figures first, so a failing run still shows them.
      const viewMs = views.map((v) => v.ms);
      const postMs = posts.map((p) => p.ms);
      const rss = samples.map((s) => s.y);
      const steady = floors(samples.filter((s) => s.x >= warmUpSeconds), floorWindowSeconds);
      const bytesPerSecond = slope(steady);
      const growth = bytesPerSecond * (seconds - warmUpSeconds);
      const resumed = readers.reduce((n, r) => n + r.connections - 1, 0);
      t.diagnostic(
        `${dialect}: ${readerCount} readers (${resumed} resumed), ${posts.length} comments (${acknowledged.size} acknowledged), ${views.length} views in ${seconds} s; ` +
          `views p50 ${fmtMs(percentile(viewMs, 50))} / p99 ${fmtMs(percentile(viewMs, 99))} ms (page cache ${after.cacheHits - before.cacheHits} hits, ${after.cacheMisses - before.cacheMisses} misses), posts p50 ${fmtMs(percentile(postMs, 50))} / p99 ${fmtMs(percentile(postMs, 99))} ms; ` +
          `RSS start ${fmtMb(rss[0]!)} / peak ${fmtMb(Math.max(...rss))} / end ${fmtMb(rss[rss.length - 1]!)} MB, floor slope after warm-up ${fmtMb(bytesPerSecond * 60)} MB/min; ` +
          `client event-loop delay p99 ${fmtMs(loopDelay.percentile(99) / 1e6)} ms; machine load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
      );

      assert.deepEqual(views.filter((v) => v.status !== 200).map((v) => `${v.what}: ${v.status}`), [], 'every page view was answered 200');
      assert.deepEqual(posts.filter((p) => p.status !== 303).map((p) => `${p.what}: ${p.status}`), [], 'every comment was acknowledged with a 303 to its anchor');
      assert.ok(posts.length >= commentsPerSecond * seconds * 0.9 && views.length >= viewsPerSecond * seconds * 0.9, `the load ran at its rates (${posts.length} comments, ${views.length} views)`);
      assert.deepEqual(readers.flatMap((r, i) => r.problems.map((p) => `reader ${i}: ${p}`)), [], 'no stream was refused, failed or ended');
      assert.equal(after.streams, readerCount, 'the server still held every stream at the end');
      assert.equal(server.child.exitCode, 0, 'the server stopped cleanly');
      assert.doesNotMatch(server.output(), /"level":(50|60)/, 'nothing was logged as an error');
      const approved = await assertNothingLost(databaseUrl, acknowledged, dialect);
      assert.equal(approved, acknowledged.size, 'every acknowledged comment was approved at once, so each is news to the readers');
      const wrong = readers.map((r, i) => ({ i, ...misdelivered(r.received, expected) })).filter((r) => r.missing.length + r.extra.length > 0);
      assert.deepEqual(wrong.slice(0, 3), [], `every reader received each acknowledged comment exactly once (${wrong.length} of ${readerCount} did not)`);
      assert.ok(percentile(viewMs, 99) < p99BoundMs, `page views p99 ${fmtMs(percentile(viewMs, 99))} ms < ${p99BoundMs} ms`);
      assert.ok(percentile(postMs, 99) < p99BoundMs, `comment posts p99 ${fmtMs(percentile(postMs, 99))} ms < ${p99BoundMs} ms`);
      assert.ok(samples.length >= seconds * 0.8 && steady.length >= 2 && samples.every((s) => Number.isFinite(s.y)), 'the server’s memory was sampled every second');
      // A trend needs a minute of steady samples: in the short form the heap is still settling, so only the ceiling holds there.
      if (seconds - warmUpSeconds >= 60) assert.ok(growth < growthBoundBytes, `RSS grows ${fmtMb(growth)} MB over the run after warm-up (< ${fmtMb(growthBoundBytes)} MB)`);
      assert.ok(rss[rss.length - 1]! < rssCeilingBytes, `RSS ends at ${fmtMb(rss[rss.length - 1]!)} MB (< ${fmtMb(rssCeilingBytes)} MB)`);
    });
  });
}
