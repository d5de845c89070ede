// `npm run bench`: Dateline's speed on this machine, on loopback only.
//
// Owns the whole run: a fresh temp data directory seeded with the model article and 50 approved
// comments (seed.ts); the real `dateline serve` in its own process (servers.ts); a bare Node
// `http` server sending the same article bytes from memory, the "static limit" (static-server.ts);
// a short warm-up then an autocannon run per request (load.ts); the tables (report.ts). Every
// child server is killed however the run ends, and the temp directory removed.
//
// Environment: BENCH_DURATION seconds per measured run (10), BENCH_WARMUP seconds (2),
// BENCH_CONNECTIONS for every run (32), BENCH_POST_CONNECTIONS to override it for posting,
// BENCH_WORKERS load-generator threads for the GETs (2; posting always uses one, it is server-bound),
// BENCH_LOG_LEVEL for the server (warn), BENCH_KEEP=1 to keep the data directory.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runLoad, type LoadResult, type LoadSpec } from './load.ts';
import { markdownTable, resultsTable, trend, type Row } from './report.ts';
import { commentFormBody, seedDataDir, type Seeded } from './seed.ts';
import { killAllChildren, startChildServer, type ChildServer } from './servers.ts';

const repoRoot = new URL('..', import.meta.url).pathname;
const secret = 'bench-secret-bench-secret-bench-secret';
/** CPU used by neither server nor load generator above which a run is called noisy. */
const noiseCores = 0.2;

const settings = {
  durationSeconds: positiveNumber('BENCH_DURATION', 10),
  warmupSeconds: positiveNumber('BENCH_WARMUP', 2),
  connections: positiveNumber('BENCH_CONNECTIONS', 32),
  workers: positiveNumber('BENCH_WORKERS', 2),
  postConnections: positiveNumber('BENCH_POST_CONNECTIONS', positiveNumber('BENCH_CONNECTIONS', 32)),
  logLevel: process.env.BENCH_LOG_LEVEL || 'warn',
  keep: process.env.BENCH_KEEP === '1',
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
  // On 'exit' too, so an interrupted run (servers.ts exits on SIGINT/SIGTERM) leaves nothing behind.
  const removeDataDir = () => {
    if (!settings.keep) rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', removeDataDir);
  const servers: ChildServer[] = [];
  try {
    console.log(machineLine());
    console.log(sourceLine());
    console.log(
      `runs: ${settings.durationSeconds} s each after ${settings.warmupSeconds} s warm-up; autocannon with ${settings.workers} worker thread(s) for GETs, 1 for POST; data in ${dataDir}\n`,
    );

    const seeded = await seedDataDir(dataDir, secret);
    const dateline = await startChildServer({
      name: 'dateline serve',
      args: ['bin/dateline.mjs', 'serve'],
      cwd: repoRoot,
      env: datelineEnv(dataDir),
      ready: /running at http:\/\/localhost:(\d+)\//,
    });
    servers.push(dateline);

    // One request each before measuring: checks the pages are what we mean to measure, and
    // gives the static server Dateline's exact article bytes.
    const article = await fetchPage(dateline.url + seeded.path).catch((e: Error) => {
      throw new Error(`${e.message}\n--- dateline serve output ---\n${dateline.output()}`);
    });
    const shownComments = article.body.toString('utf8').match(/<li id="comment-\d+"/g)?.length ?? 0;
    if (shownComments !== seeded.commentIds.length) throw new Error(`article page shows ${shownComments} comments, ${seeded.commentIds.length} were seeded`);
    if (article.cacheControl?.startsWith('public') !== true) throw new Error(`article page is not the shared (cached) page: cache-control ${article.cacheControl}`);
    const front = await fetchPage(dateline.url + '/');
    const pageFile = join(dataDir, 'article.html');
    writeFileSync(pageFile, article.body);

    const staticServer = await startChildServer({
      name: 'static server',
      args: ['--import', 'tsx', 'bench/static-server.ts', pageFile],
      cwd: repoRoot,
      ready: /listening on (\d+)/,
    });
    servers.push(staticServer);

    console.log(`article ${seeded.path}: ${article.body.length.toLocaleString('en-US')} bytes, ${shownComments} comments shown (${seeded.commentChars.toLocaleString('en-US')} characters of comment text)`);
    console.log(`front page: ${front.body.length.toLocaleString('en-US')} bytes\n`);

    const get = (title: string, server: ChildServer, path: string): LoadSpec => ({
      title, server, path, connections: settings.connections, workers: settings.workers, durationSeconds: settings.durationSeconds, expectStatus: 200,
    });
    const articleRun = await measure(get('GET article (50 comments)', dateline, seeded.path));
    const staticRun = await measure(get('GET same bytes', staticServer, '/'));
    const frontRun = await measure(get('GET front page', dateline, '/'));
    const postRun = await measure(postSpec(dateline, seeded));

    await dateline.stop();
    const stored = commentStatuses(join(dataDir, 'dateline.db'));

    const rows: Row[] = [
      { request: 'GET article, 50 comments', server: 'Dateline', bodyBytes: article.body.length, result: articleRun },
      { request: 'GET same bytes (static limit)', server: 'bare node:http', bodyBytes: article.body.length, result: staticRun },
      { request: 'GET front page', server: 'Dateline', bodyBytes: front.body.length, result: frontRun },
      { request: 'POST comment (ok = 303)', server: 'Dateline', result: postRun },
    ];
    console.log(resultsTable(rows));
    console.log();
    console.log(
      markdownTable(
        ['ratio (same run)', 'value'],
        [
          ['Dateline article / static limit, responses/s', ratio(articleRun.okPerSecond, staticRun.okPerSecond)],
          ['Dateline article / static limit, p99 latency', ratio(articleRun.latencyMs.p99, staticRun.latencyMs.p99)],
          ['Dateline article / static limit, server CPU per response', ratio(articleRun.serverCpuUsPerOk, staticRun.serverCpuUsPerOk)],
          ['front page / article, responses/s', ratio(frontRun.okPerSecond, articleRun.okPerSecond)],
          ['accepted comments/s / article responses/s', ratio(postRun.okPerSecond, articleRun.okPerSecond)],
        ],
      ),
    );
    console.log();
    console.log(`accepted comments per second, first → middle → last second: ${trend(postRun.perSecond)}`);
    console.log(`comments in the database after the run: ${Object.entries(stored).map(([s, n]) => `${n} ${s}`).join(', ')} (${seeded.commentIds.length} approved were seeded)`);
    const noisy = rows.filter((r) => r.result.otherCores > noiseCores);
    if (noisy.length > 0) {
      console.log(
        `\nnoisy run: other processes used more than ${noiseCores} cores during ${noisy.map((r) => r.request).join('; ')}. ` +
          'The machine was shared; compare ratios only, or run again when it is idle.',
      );
    }
  } finally {
    for (const server of servers) await server.stop();
    killAllChildren();
    if (settings.keep) console.log(`kept ${dataDir}`);
    removeDataDir();
  }
}

/** A warm-up run (not reported) followed by the measured run. */
async function measure(spec: LoadSpec): Promise<LoadResult> {
  process.stdout.write(`${spec.title} on ${spec.server.name}: warm-up…`);
  await runLoad({ ...spec, durationSeconds: settings.warmupSeconds });
  process.stdout.write(' measuring…');
  const result = await runLoad(spec);
  process.stdout.write(` ${Math.round(result.okPerSecond).toLocaleString('en-US')}/s\n`);
  return result;
}

/** The comment form posted as a browser would, a different reader and text each time. */
function postSpec(server: ChildServer, seeded: Seeded): LoadSpec {
  let n = 0;
  return {
    title: 'POST /comments',
    server,
    path: '/comments',
    connections: settings.postConnections,
    durationSeconds: settings.durationSeconds,
    expectStatus: 303,
    request: {
      method: 'POST',
      path: '/comments',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'dateline-bench' },
      setupRequest: (request) => ({ ...request, body: commentFormBody(n++, seeded) }),
    },
  };
}

/** Only what the server needs: nothing from a developer's own DATELINE_* or DATABASE_URL. */
function datelineEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
  return { ...env, PORT: '0', HOST: '127.0.0.1', DATELINE_DATA_DIR: dataDir, DATELINE_SECRET: secret, LOG_LEVEL: settings.logLevel };
}

async function fetchPage(url: string): Promise<{ body: Buffer; cacheControl: string | null }> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return { body: Buffer.from(await response.arrayBuffer()), cacheControl: response.headers.get('cache-control') };
}

function commentStatuses(databaseFile: string): Record<string, number> {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM comments GROUP BY status ORDER BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
}

function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  return `machine: ${availableParallelism()} cores (${cpu}), Linux ${release()}, Node ${process.version}, load average ${load}`;
}

/** Which code was measured: the commit, and whether the working tree differed from it. */
function sourceLine(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'src', 'bin', 'package.json').split('\n').filter(Boolean).length;
    return `source: commit ${git('rev-parse', '--short', 'HEAD')}${changed > 0 ? ` with ${changed} uncommitted change(s) under src/, bin/, package.json` : ', clean'}`;
  } catch {
    return 'source: not a git checkout';
  }
}

function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–';
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
    killAllChildren();
    process.exit(1);
  },
);
