// `npm run bench`: Dateline's speed on this machine, on loopback only, next to its peers.
//
// Owns the whole run: a fresh temp data directory seeded with the model article three times (0,
// 50 and 500 approved comments), a POST target, and (BENCH_LONG_THREAD, default 10,000) a very
// long thread (seed.ts); cold start of `dateline serve` to its first response; the real server in
// its own process (servers.ts); a bare Node `http` server sending the same page bytes from memory
// (static-server.ts); and, when they are up, the peers of ../shared/bench: nginx serving the
// same bytes as a static file (:8082) and WordPress 6.1 (:8081) (peers.ts). Every figure is the
// median of BENCH_RUNS (3) measured runs after a warm-up, with wrk (wrk.ts) or, without wrk,
// autocannon (load.ts). Every child server is killed however the run ends, and the temp
// directory removed.
//
// Environment: BENCH_DURATION seconds per measured run (5), BENCH_WARMUP seconds (5),
// BENCH_RUNS (3), BENCH_CONNECTIONS (32), BENCH_POST_CONNECTIONS (= connections),
// BENCH_THREADS load-generator threads (2), BENCH_WP_SLOW_DURATION seconds for WordPress's
// 500-comment page (15), BENCH_LONG_THREAD comments on the paginated article (10000; 0 = skip),
// BENCH_LOG_LEVEL for the server (warn), BENCH_PEERS=0 to skip the peers, BENCH_LOADGEN=autocannon
// to use autocannon even when wrk is installed, BENCH_KEEP=1 to keep the data directory.

import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runLoad, type LoadResult, type LoadSpec } from './load.ts';
import { detectStaticNginx, detectWordPress, staticNginxOrigin, type StaticNginxPeer, type WordPressPeer } from './peers.ts';
import { markdownTable, notOk } from './report.ts';
import { createDateline } from '../src/main.ts';
import { testConfig } from '../test/support/build-test-app.ts';
import { commentFormBody, seedDataDir, type Seeded } from './seed.ts';
import { killAllChildren, processRssBytes, startChildServer, type ChildServer } from './servers.ts';
import { runWrk, wrkAvailable } from './wrk.ts';

const repoRoot = new URL('..', import.meta.url).pathname;
const secret = 'bench-secret-bench-secret-bench-secret';
const noiseCores = 0.2;

const settings = {
  durationSeconds: positiveNumber('BENCH_DURATION', 5),
  warmupSeconds: positiveNumber('BENCH_WARMUP', 5),
  runs: positiveNumber('BENCH_RUNS', 3),
  connections: positiveNumber('BENCH_CONNECTIONS', 32),
  threads: positiveNumber('BENCH_THREADS', positiveNumber('BENCH_WORKERS', 2)),
  postConnections: positiveNumber('BENCH_POST_CONNECTIONS', positiveNumber('BENCH_CONNECTIONS', 32)),
  wpSlowSeconds: positiveNumber('BENCH_WP_SLOW_DURATION', 15),
  longThread: nonNegativeNumber('BENCH_LONG_THREAD', 10_000),
  logLevel: process.env.BENCH_LOG_LEVEL || 'warn',
  peers: process.env.BENCH_PEERS !== '0',
  wrk: process.env.BENCH_LOADGEN !== 'autocannon' && wrkAvailable(),
  keep: process.env.BENCH_KEEP === '1',
};
const commentCounts = [0, 50, 500] as const;

/** One measured figure: the median run and every run's responses/s. */
interface Figure {
  readonly median: LoadResult;
  readonly p99Ms: number;
  readonly okPerSecond: number;
  readonly runs: readonly LoadResult[];
}

interface Target {
  readonly name: string;
  readonly url: string;
  readonly expectStatus: number;
  readonly serverCpuMs?: () => number;
  readonly postCommentTo?: { readonly articleId: number; readonly tag: string };
  /** The autocannon fallback's per-request body (POST). */
  readonly autocannonPost?: () => string;
  readonly beforeRun?: () => void | Promise<void>;
  readonly afterRun?: () => void | Promise<void>;
  readonly durationSeconds?: number;
  /** Extra request headers (GETs), e.g. the Accept-Encoding every browser sends. */
  readonly headers?: Readonly<Record<string, string>>;
}

let rssPeakBytes = 0;
let rssPeakDuring = '';
let rssPid = 0;
let measuring = '';
const sampleRss = () => {
  const rss = rssPid ? processRssBytes(rssPid) || 0 : 0;
  if (rss > rssPeakBytes) {
    rssPeakBytes = rss;
    rssPeakDuring = measuring;
  }
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
  const removeDataDir = () => {
    if (!settings.keep) rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', removeDataDir);
  const servers: ChildServer[] = [];
  try {
    console.log(machineLine());
    console.log(sourceLine());
    console.log(
      `load generator: ${settings.wrk ? `wrk ${toolVersion('wrk')} -t${settings.threads}` : 'autocannon (wrk not found)'} -c${settings.connections}; ` +
        `${settings.runs} measured runs of ${settings.durationSeconds} s per figure after ${settings.warmupSeconds} s warm-up, median reported; data in ${dataDir}`,
    );

    // --- peers ------------------------------------------------------------------------------
    let wordpress: WordPressPeer | undefined;
    let staticNginx: StaticNginxPeer | undefined;
    if (settings.peers) {
      const wp = await detectWordPress();
      const st = await detectStaticNginx();
      wordpress = wp.peer;
      staticNginx = st.peer;
      console.log(wp.peer ? `peer WordPress: ${wp.peer.version} on 127.0.0.1:8081` : `peer WordPress MISSING: ${wp.missing}; carrying on without it`);
      console.log(st.peer ? `peer nginx static: nginx ${st.peer.version} on 127.0.0.1:8082` : `peer nginx static MISSING: ${st.missing}; carrying on without it`);
    } else console.log('peers skipped (BENCH_PEERS=0)');

    // --- seed -------------------------------------------------------------------------------
    const counts = settings.longThread > 0 ? [...commentCounts, settings.longThread] : [...commentCounts];
    const seededAt = performance.now();
    const site = await seedDataDir(dataDir, secret, counts);
    console.log(`seeded ${counts.join(', ')} comments in ${((performance.now() - seededAt) / 1000).toFixed(1)} s\n`);

    // --- cold start -------------------------------------------------------------------------
    const coldStarts: number[] = [];
    for (let i = 0; i < settings.runs; i++) coldStarts.push(await coldStart(dataDir, site.articles[1]!.path));
    console.log(`cold start to first article response: ${coldStarts.map((ms) => `${Math.round(ms)} ms`).join(', ')}`);

    const dateline = await startChildServer({
      name: 'dateline serve', args: ['bin/dateline.mjs', 'serve'], cwd: repoRoot, env: datelineEnv(dataDir), ready: /running at http:\/\/localhost:(\d+)\//,
    });
    servers.push(dateline);
    rssPid = dateline.pid;
    const rssIdle = processRssBytes(dateline.pid);

    // Each page fetched once: checks it is the shared cached page with all its comments, and
    // gives the static servers Dateline's exact bytes.
    const pageFiles: string[] = [];
    const pageBytes: number[] = [];
    for (const [i, count] of commentCounts.entries()) {
      const seeded = site.articles[i]!;
      const page = await fetchPage(dateline.url + seeded.path).catch((e: Error) => {
        throw new Error(`${e.message}\n--- dateline serve output ---\n${dateline.output()}`);
      });
      const shown = page.body.toString('utf8').match(/<li id="comment-\d+"/g)?.length ?? 0;
      if (shown !== count) throw new Error(`article page shows ${shown} comments, ${count} were seeded`);
      if (page.cacheControl?.startsWith('public') !== true) throw new Error(`article page is not the shared (cached) page: cache-control ${page.cacheControl}`);
      const file = join(dataDir, `article-c${count}.html`);
      writeFileSync(file, page.body);
      pageFiles.push(file);
      pageBytes.push(page.body.length);
    }
    const staticServer = await startChildServer({ name: 'bare node:http', args: ['--import', 'tsx', 'bench/static-server.ts', ...pageFiles], cwd: repoRoot, ready: /listening on (\d+)/ });
    servers.push(staticServer);
    const wpBytes = new Map<string, number>();
    if (wordpress) {
      for (const slot of ['c0', 'c50', 'c500']) {
        const response = await fetch(wordpress.posts.get(slot)!.url);
        wpBytes.set(slot, (await response.arrayBuffer()).byteLength);
      }
    }
    console.log(`Dateline pages: ${commentCounts.map((c, i) => `${c} comments ${pageBytes[i]!.toLocaleString('en-US')} B`).join(', ')}`);
    if (wordpress) console.log(`WordPress pages: ${[...wpBytes].map(([s, b]) => `${s} ${b.toLocaleString('en-US')} B`).join(', ')}`);
    console.log();

    // --- GET --------------------------------------------------------------------------------
    const getRows: string[][] = [];
    const ratioRows: string[][] = [];
    const serverCpu = (server: ChildServer) => () => server.cpuMs();
    const figures = new Map<string, Figure>();
    for (const [i, count] of commentCounts.entries()) {
      const dl = await measure({ name: `GET ${count} comments, Dateline`, url: dateline.url + site.articles[i]!.path, expectStatus: 200, serverCpuMs: serverCpu(dateline) });
      const bare = await measure({ name: `GET ${count} comments, bare node:http same bytes`, url: `${staticServer.url}/${i}`, expectStatus: 200, serverCpuMs: serverCpu(staticServer) });
      let nginx: Figure | undefined;
      if (staticNginx) {
        await staticNginx.serve(pageFiles[i]!);
        nginx = await measure({ name: `GET ${count} comments, nginx static same bytes`, url: `${staticNginxOrigin}/`, expectStatus: 200 });
      }
      let wp: Figure | undefined;
      if (wordpress) {
        const wpPeer = wordpress;
        wp = await measure({
          name: `GET ${count} comments, WordPress`, url: wpPeer.posts.get(`c${count}`)!.url, expectStatus: 200,
          afterRun: () => wpPeer.drain(), durationSeconds: count >= 500 ? settings.wpSlowSeconds : undefined,
        });
      }
      figures.set(`dl${count}`, dl);
      getRows.push(row(`GET article, ${count} comments`, 'Dateline', pageBytes[i]!, dl));
      getRows.push(row(`GET article, ${count} comments`, 'bare node:http, same bytes', pageBytes[i]!, bare));
      if (nginx) getRows.push(row(`GET article, ${count} comments`, 'nginx static, same bytes', pageBytes[i]!, nginx));
      if (wp) getRows.push(row(`GET article, ${count} comments`, 'WordPress 6.1', wpBytes.get(`c${count}`) ?? Number.NaN, wp));
      ratioRows.push([
        `${count} comments`,
        nginx ? ratio(dl.okPerSecond, nginx.okPerSecond) : 'nginx missing',
        ratio(dl.okPerSecond, bare.okPerSecond),
        wp ? ratio(dl.okPerSecond, wp.okPerSecond) : 'WordPress missing',
        wp && nginx ? ratio(wp.okPerSecond, nginx.okPerSecond) : '–',
        nginx ? ratio(dl.p99Ms, nginx.p99Ms) : '–',
      ]);
    }
    if (staticNginx) console.log(`note: nginx on :8082 now serves Dateline's ${commentCounts.at(-1)}-comment page; \`static.sh up\` restores WordPress's.`);

    // --- long thread (paginated) -----------------------------------------------------------
    let longRow: string[] | undefined;
    let longBrRow: string[] | undefined;
    let longPath: string | undefined;
    if (settings.longThread > 0) {
      // Paged like WordPress's page_comments (50 top-level per page). The setting is site-wide, so
      // it is switched on only now, from this process: the server notices the write (data_version)
      // and drops its cached pages.
      await seedPagination(dataDir);
      const seeded = site.articles[commentCounts.length]!;
      const page = await fetchPage(dateline.url + seeded.path);
      const shown = page.body.toString('utf8').match(/<li id="comment-\d+"/g)?.length ?? 0;
      const long = await measure({ name: `GET ${settings.longThread} comments, first page`, url: dateline.url + seeded.path, expectStatus: 200, serverCpuMs: serverCpu(dateline) });
      longRow = row(`GET article, ${settings.longThread.toLocaleString('en-US')} comments, first page (${shown} comments shown)`, 'Dateline', page.body.length, long);
      // A browser asks for a compressed page; the cache keeps the Brotli copy beside the page.
      const brotli = await fetchPage(dateline.url + seeded.path, browserEncoding);
      const longBr = await measure({ name: `GET ${settings.longThread} comments, first page, Brotli`, url: dateline.url + seeded.path, expectStatus: 200, serverCpuMs: serverCpu(dateline), headers: browserEncoding });
      longBrRow = row(`… the same, with a browser's Accept-Encoding (${brotli.encoding ?? 'identity'})`, 'Dateline', brotli.body.length, longBr);
      longPath = seeded.path;
    }

    // --- POST -------------------------------------------------------------------------------
    const stamp = Date.now().toString(36);
    let runNo = 0;
    const dlPost = await measure({
      name: 'POST comment, Dateline', url: `${dateline.url}/wp-comments-post.php`, expectStatus: 303, serverCpuMs: serverCpu(dateline),
      postCommentTo: { articleId: site.sink.article.id, tag: `d${stamp}` }, autocannonPost: autocannonBodies(site.sink),
      beforeRun: () => void (runNo++),
    }, true, () => ({ articleId: site.sink.article.id, tag: `d${stamp}r${runNo}` }));
    let wpPost: Figure | undefined;
    let wpStored = '';
    if (wordpress) {
      const wpPeer = wordpress;
      const undo = wpPeer.noFlood();
      try {
        wpPost = await measure({
          name: 'POST comment, WordPress (flood verdict off)', url: `${wordpressOrigin()}/wp-comments-post.php`, expectStatus: 302,
          postCommentTo: { articleId: wpPeer.posts.get('sink')!.id, tag: `w${stamp}` },
          beforeRun: () => wpPeer.clearSink(), afterRun: () => wpPeer.drain(),
        }, true, () => ({ articleId: wpPeer.posts.get('sink')!.id, tag: `w${stamp}r${runNo++}` }));
        wpStored = wpPeer.sinkCounts();
      } finally {
        undo();
        wpPeer.clearSink();
      }
    }
    const front = await measure({ name: 'GET front page, Dateline', url: `${dateline.url}/`, expectStatus: 200, serverCpuMs: serverCpu(dateline) });

    await dateline.stop();
    const stored = commentStatuses(join(dataDir, 'dateline.db'), site.sink.article.id);
    const uncached = longPath ? await firstPageUncached(dataDir, longPath) : undefined;

    // --- report -----------------------------------------------------------------------------
    console.log();
    console.log(markdownTable(['request', 'server', 'body bytes', 'ok/s (median)', 'p50 ms', 'p99 ms', 'ok/s per run', 'not ok (median run)', 'server CPU per ok', 'cores: server / loadgen / other'], [
      ...getRows,
      ...(longRow ? [longRow] : []),
      ...(longBrRow ? [longBrRow] : []),
      row('GET front page', 'Dateline', Number.NaN, front),
      row('POST comment (accepted: 303)', 'Dateline', Number.NaN, dlPost),
      ...(wpPost ? [row('POST comment (accepted: 302), flood verdict off', 'WordPress 6.1', Number.NaN, wpPost)] : []),
    ]));
    console.log();
    console.log(markdownTable(['GET article', 'Dateline / nginx static, req/s', 'Dateline / bare node:http, req/s', 'Dateline / WordPress, req/s', 'WordPress / nginx static, req/s', 'Dateline / nginx static, p99'], ratioRows));
    console.log();
    console.log(markdownTable(['figure', 'value'], [
      ['POST accepted/s, Dateline / WordPress', wpPost ? ratio(dlPost.okPerSecond, wpPost.okPerSecond) : 'WordPress missing'],
      ['POST p99, Dateline', `${dlPost.p99Ms.toFixed(1)} ms at ${settings.postConnections} connections`],
      ['cold start to first article response (median)', `${Math.round(median(coldStarts))} ms (runs: ${coldStarts.map((ms) => Math.round(ms)).join(', ')})`],
      ['Dateline RSS idle → peak under load', `${mb(rssIdle)} → ${mb(rssPeakBytes)} (peak during ${rssPeakDuring || '–'})`],
      ...(uncached ? [[`${settings.longThread.toLocaleString('en-US')}-comment article, first page rendered uncached (cache cleared before each of 50, in process)`, `p50 ${uncached.p50.toFixed(1)} ms, p99 ${uncached.p99.toFixed(1)} ms`]] : []),
    ]));
    console.log();
    console.log(`Dateline sink after the POST runs: ${Object.entries(stored).map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}`);
    if (wordpress) console.log(`WordPress sink after its last POST run (comment_approved=count): ${wpStored}`);
    const noisy = [...figures.values()].filter((f) => f.median.otherCores > noiseCores);
    if (noisy.length > 0) console.log(`\nnoisy: other processes used more than ${noiseCores} cores during ${noisy.map((f) => f.median.title).join('; ')}. Compare ratios only, or run again when the machine is idle.`);
  } finally {
    for (const server of servers) await server.stop();
    killAllChildren();
    if (settings.keep) console.log(`kept ${dataDir}`);
    removeDataDir();
  }
}

/** Warm-up, then `runs` measured runs; the median by ok/s and the median p99. */
async function measure(target: Target, post = false, postArgs?: () => { articleId: number; tag: string }): Promise<Figure> {
  process.stdout.write(`${target.name}: warm-up…`);
  await once(target, settings.warmupSeconds, post, postArgs);
  await target.afterRun?.(); // WordPress: let php-fpm finish the warm-up's queued requests first
  const runs: LoadResult[] = [];
  for (let i = 0; i < settings.runs; i++) {
    await target.beforeRun?.();
    const result = await once(target, target.durationSeconds ?? settings.durationSeconds, post, postArgs);
    runs.push(result);
    await target.afterRun?.();
    process.stdout.write(` ${Math.round(result.okPerSecond).toLocaleString('en-US')}/s`);
  }
  process.stdout.write('\n');
  const byOk = [...runs].sort((a, b) => a.okPerSecond - b.okPerSecond);
  return { median: byOk[Math.floor(byOk.length / 2)]!, okPerSecond: median(runs.map((r) => r.okPerSecond)), p99Ms: median(runs.map((r) => r.latencyMs.p99)), runs };
}

async function once(target: Target, seconds: number, post: boolean, postArgs?: () => { articleId: number; tag: string }): Promise<LoadResult> {
  measuring = target.name;
  if (settings.wrk) {
    return runWrk({
      title: target.name, url: target.url, threads: settings.threads, connections: post ? settings.postConnections : settings.connections,
      durationSeconds: seconds, expectStatus: target.expectStatus, serverCpuMs: target.serverCpuMs, onTick: sampleRss, headers: target.headers,
      ...(post && postArgs ? { postCommentTo: postArgs() } : {}),
    });
  }
  const url = new URL(target.url);
  const body = target.autocannonPost;
  const spec: LoadSpec = {
    title: target.name,
    server: { name: target.name, pid: 0, url: url.origin, cpuMs: target.serverCpuMs ?? (() => Number.NaN), output: () => '', stop: async () => undefined },
    path: url.pathname,
    connections: post ? settings.postConnections : settings.connections,
    durationSeconds: seconds,
    expectStatus: target.expectStatus,
    ...(target.headers ? { headers: target.headers } : {}),
    ...(post && body
      ? { request: { method: 'POST', path: url.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, setupRequest: (r) => ({ ...r, body: body() }) } }
      : { workers: settings.threads }),
  };
  const ticker = setInterval(sampleRss, 200);
  try {
    return await runLoad(spec);
  } finally {
    clearInterval(ticker);
  }
}

function autocannonBodies(seeded: Seeded): () => string {
  let n = 0;
  return () => commentFormBody(n++, seeded);
}

/** Process start to the first 200 for the article, through a fresh `dateline serve`. */
async function coldStart(dataDir: string, path: string): Promise<number> {
  const started = performance.now();
  const server = await startChildServer({ name: 'cold start', args: ['bin/dateline.mjs', 'serve'], cwd: repoRoot, env: datelineEnv(dataDir), ready: /running at http:\/\/localhost:(\d+)\// });
  try {
    for (;;) {
      const response = await fetch(server.url + path).catch(() => undefined);
      if (response?.status === 200) {
        await response.arrayBuffer();
        return performance.now() - started;
      }
      if (performance.now() - started > 30_000) throw new Error('cold start: no 200 within 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await server.stop();
  }
}

/**
 * The first page rendered from the database every time (the page cache cleared before each
 * request), in this process on the same data: the worst case a reader meets right after a change.
 */
async function firstPageUncached(dataDir: string, path: string, n = 50): Promise<{ p50: number; p99: number }> {
  const dateline = await createDateline(testConfig(dataDir, { secret }));
  try {
    const app = await dateline.buildApp();
    const times: number[] = [];
    for (let i = 0; i < n + 5; i++) {
      dateline.cache.clear();
      const started = performance.now();
      const response = await app.inject(path);
      if (response.statusCode !== 200) throw new Error(`GET ${path} in process: ${response.statusCode}`);
      if (i >= 5) times.push(performance.now() - started); // the first few warm up the JIT
    }
    await app.close();
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)]! };
  } finally {
    await dateline.close();
  }
}

async function seedPagination(dataDir: string): Promise<void> {
  const db = new Database(join(dataDir, 'dateline.db'));
  try {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'discussion'").get() as { value: string } | undefined;
    const value = { ...(row ? (JSON.parse(row.value) as object) : {}), pageComments: true, commentsPerPage: 50 };
    db.prepare("INSERT INTO settings (key, value) VALUES ('discussion', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(value));
  } finally {
    db.close();
  }
}

function row(request: string, server: string, bodyBytes: number, f: Figure): string[] {
  const r = f.median;
  return [
    request, server, Number.isFinite(bodyBytes) ? bodyBytes.toLocaleString('en-US') : '–', int(f.okPerSecond), fixed(r.latencyMs.p50, 1), fixed(f.p99Ms, 1),
    f.runs.map((x) => int(x.okPerSecond)).join(' / '), notOk(r), Number.isFinite(r.serverCpuUsPerOk) ? `${int(r.serverCpuUsPerOk)} µs` : '–',
    `${fixed(r.serverCores, 2)} / ${fixed(r.clientCores, 2)} / ${fixed(r.otherCores, 2)}`,
  ];
}

function datelineEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
  return { ...env, PORT: '0', HOST: '127.0.0.1', DATELINE_DATA_DIR: dataDir, DATELINE_SECRET: secret, LOG_LEVEL: settings.logLevel };
}

function wordpressOrigin(): string {
  return 'http://127.0.0.1:8081';
}

/** One GET, body as sent on the wire (not decompressed), so its length is what the load run moves. */
function fetchPage(url: string, headers: Readonly<Record<string, string>> = {}): Promise<{ body: Buffer; cacheControl: string | null; encoding: string | null }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`GET ${url}: ${response.statusCode}`));
        else resolve({ body: Buffer.concat(chunks), cacheControl: response.headers['cache-control'] ?? null, encoding: response.headers['content-encoding'] ?? null });
      });
      response.on('error', reject);
    }).on('error', reject);
  });
}

const browserEncoding = { 'Accept-Encoding': 'gzip, deflate, br' };

function commentStatuses(databaseFile: string, articleId: number): Record<string, number> {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM comments WHERE article_id = ? GROUP BY status ORDER BY status').all(articleId) as { status: string; n: number }[];
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

function sourceLine(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'src', 'bin', 'package.json').split('\n').filter(Boolean).length;
    return `source: commit ${git('rev-parse', '--short', 'HEAD')}${changed > 0 ? ` with ${changed} uncommitted change(s) under src/, bin/, package.json` : ', clean'}`;
  } catch {
    return 'source: not a git checkout';
  }
}

function toolVersion(tool: string): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', tool], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const mb = (bytes: number) => (Number.isFinite(bytes) && bytes > 0 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : '–');

function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
}

function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b < 0.1 ? 4 : 2)}×` : '–';
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

function nonNegativeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, not "${raw}"`);
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
