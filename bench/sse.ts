// `npm run bench:sse`: how many live-update streams one `dateline serve` holds, and what each
// costs in memory. Seeds a fresh data directory with the model article, starts the real server
// in its own process (servers.ts), opens BENCH_SSE_STREAMS (2,000) raw HTTP connections to the
// article's stream, then writes BENCH_SSE_COMMENTS (5) approved comments through a second
// process-level instance on the same SQLite file (so the server learns of them by polling, the
// slowest path), checks every stream received every comment exactly once, and reports the
// server's RSS idle, with the streams open and after the comments, and so the cost per stream.
// Exits non-zero if any stream missed or doubled a comment.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArticleFile } from '../src/articles/parse-article-file.ts';
import { createDateline } from '../src/main.ts';
import { testConfig } from '../test/support/build-test-app.ts';
import { openLiveReader, type LiveReader } from '../test/support/load-client.ts';
import { processRssBytes } from '../test/support/process-memory.ts';
import { seedArticleFile } from './seed.ts';
import { killAllChildren, startChildServer } from './servers.ts';

const repoRoot = new URL('..', import.meta.url).pathname;
const secret = 'bench-secret-bench-secret-bench-secret';
const streamCount = Number(process.env.BENCH_SSE_STREAMS ?? 2000);
const commentCount = Number(process.env.BENCH_SSE_COMMENTS ?? 5);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

/** RSS once it has stopped moving (sampled every 500 ms, at most 10 s). */
async function settledRss(pid: number): Promise<number> {
  let last = processRssBytes(pid);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = processRssBytes(pid);
    if (Math.abs(now - last) < 256 * 1024) return now;
    last = now;
  }
  return last;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-sse-'));
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${mb(totalmem())} RAM, Linux ${release()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);

  // The writer: its own instance on the same SQLite file, as a second process would be.
  const writer = await createDateline(testConfig(dataDir, { secret }));
  await writer.stores.settings.saveDiscussion({ requirePreviouslyApproved: false, floodIntervalSeconds: 0 });
  const { article } = await writer.services.publishArticle(parseArticleFile(readFileSync(seedArticleFile, 'utf8')));

  const server = await startChildServer({
    name: 'dateline serve', args: ['bin/dateline.mjs', 'serve'], cwd: repoRoot, ready: /running at http:\/\/localhost:(\d+)\//,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATELINE_DATA_DIR: dataDir, DATELINE_SECRET: secret, LOG_LEVEL: 'warn' },
  });
  const streamUrl = `${server.url}/live/articles/${article.id}`;
  // Warm up: the page and one stream, so code paths are loaded before the idle figure.
  await (await fetch(server.url + '/')).arrayBuffer();
  const warm = openLiveReader(streamUrl);
  await waitFor('the warm-up stream', () => warm.connected, 10_000);
  warm.close();
  const rssIdle = await settledRss(server.pid);

  const readers: LiveReader[] = [];
  const openStarted = Date.now();
  for (let i = 0; i < streamCount; i++) {
    readers.push(openLiveReader(streamUrl));
    if (i % 200 === 199) await waitFor('streams to connect', () => readers.every((r) => r.connected), 30_000);
  }
  await waitFor(`${streamCount} streams to connect`, () => readers.every((r) => r.connected), 60_000);
  const openMs = Date.now() - openStarted;
  const rssOpen = await settledRss(server.pid);

  const ids: number[] = [];
  const posted = Date.now();
  for (let i = 0; i < commentCount; i++) {
    const { comment } = await writer.services.submitComment({ articleId: article.id, parentId: null, authorName: `Reader ${i}`, authorEmail: `reader${i}@example.com`, authorUrl: '', bodyText: `Live comment number ${i}, written while ${streamCount} readers watch.`, ip: `192.0.2.${i + 1}`, userAgent: 'bench' });
    if (comment.status !== 'approved') throw new Error(`comment ${i} was ${comment.status}, not approved`);
    ids.push(comment.id);
  }
  const deliveredMs = await waitFor('every stream to receive every comment', () => readers.every((r) => r.received.length >= commentCount), 60_000);
  const rssAfter = await settledRss(server.pid);

  const wrong = readers.filter((r) => r.received.join() !== ids.join()).length;
  const perStream = (rssOpen - rssIdle) / streamCount;
  console.log(`streams: ${streamCount} open in ${openMs} ms; ${commentCount} comments written by another process, each received by ${streamCount - wrong}/${streamCount} streams exactly once, all within ${deliveredMs} ms of the last write (${Date.now() - posted} ms after the first)`);
  console.log(`server RSS: idle ${mb(rssIdle)}, with ${streamCount} streams ${mb(rssOpen)}, after the comments ${mb(rssAfter)} → ${(perStream / 1024).toFixed(1)} KB per open stream`);

  // Shutdown with every stream still open: each ends with a retry hint, nothing holds the exit up.
  // What went wrong before it (a refused, failed or ended stream) is a failure; the shutdown's ends are not.
  const failures = readers.flatMap((r) => r.problems);
  const stopping = Date.now();
  await server.stop();
  console.log(`shutdown with ${streamCount} streams open: ${Date.now() - stopping} ms`);
  for (const reader of readers) reader.close();
  await writer.close();
  if (failures.length > 0) throw new Error(`${failures.length} streams failed: ${failures[0]}`);
  if (wrong > 0) throw new Error(`${wrong} streams missed or doubled a comment`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  killAllChildren();
  process.exit(1);
});
