// One load run with wrk (Debian package `wrk`), reduced to the same LoadResult as load.ts. wrk is a
// C program with an event loop per thread: on a 2-core machine it leaves the server more CPU than
// autocannon does (autocannon with 2 workers used 1.2–1.5 cores to drive ~8,000 responses/s).
// POSTs use a Lua script that sends a new author, email and text with every request (the same
// script as ../shared/bench/wordpress.sh, so both systems get the same form) and counts statuses.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult } from './load.ts';
import { machineBusyMs, processCpuMs } from './servers.ts';

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk --version exits 1 after printing its version; only a missing binary throws ENOENT.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

export interface WrkSpec {
  readonly title: string;
  readonly url: string;
  readonly threads: number;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Status counted as ok (200 for pages, 303 for Dateline's accepted comment, 302 for WordPress's). */
  readonly expectStatus: number;
  /** POST the comment form to `url` for this article id instead of GETting `url`. */
  readonly postCommentTo?: { readonly articleId: number; readonly tag: string };
  /** CPU time of the server (ms), sampled before and after; NaN when unknown (a peer). */
  readonly serverCpuMs?: () => number;
  /** Called every 200 ms during the run (RSS sampling). */
  readonly onTick?: () => void;
  readonly timeoutSeconds?: number;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

const scriptDir = mkdtempSync(join(tmpdir(), 'dateline-wrk-'));
const statusScript = join(scriptDir, 'status.lua');
const postScript = join(scriptDir, 'post-comment.lua');

// Counts every status across threads and prints "STATUS code n" lines at the end.
const countStatuses = `
local threads, n = {}, 0
function setup(thread) n = n + 1; thread:set("tno", n); table.insert(threads, thread) end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("STATUS %d %d\\n", k, v)) end
  io.write(string.format("LATENCY_P50 %d\\nLATENCY_P99 %d\\nLATENCY_MAX %d\\n", latency:percentile(50), latency:percentile(99), latency.max))
end
`;
writeFileSync(statusScript, `${countStatuses}\nfunction init(args) statuses = {} end\n`);
// The request body is wordpress.sh's post-comment.lua, field for field.
writeFileSync(
  postScript,
  `${countStatuses}
function init(args)
  post_id, tag, seq, statuses = args[1], args[2] or "x", 0, {}
end
function request()
  seq = seq + 1
  local who = tag .. "t" .. tno .. "n" .. seq
  local body = "comment=Benchmark+comment+" .. who ..
    "+about+the+soldiers+returning+home+and+what+state+media+chose+not+to+show." ..
    "&author=Visitor+" .. who .. "&email=" .. who .. "%40example.com&url=" ..
    "&comment_post_ID=" .. post_id .. "&comment_parent=0"
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
`,
);

export async function runWrk(spec: WrkSpec): Promise<LoadResult> {
  const args = [
    `-t${spec.threads}`, `-c${spec.connections}`, `-d${spec.durationSeconds}s`, '--timeout', `${spec.timeoutSeconds ?? 30}s`,
    ...Object.entries(spec.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    '-s', spec.postCommentTo ? postScript : statusScript, spec.url,
    ...(spec.postCommentTo ? ['--', String(spec.postCommentTo.articleId), spec.postCommentTo.tag] : []),
  ];
  const serverBefore = spec.serverCpuMs?.() ?? Number.NaN;
  const machineBefore = machineBusyMs();
  const started = performance.now();
  const ticker = spec.onTick ? setInterval(spec.onTick, 200) : undefined;
  let clientCpuMs = Number.NaN;
  let sampler: NodeJS.Timeout | undefined;
  const output = await new Promise<string>((resolve, reject) => {
    const child = execFile('wrk', args, { timeout: (spec.durationSeconds + 60) * 1000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`wrk failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
    // wrk's own CPU time: sampled from /proc while it runs (the last sample misses at most 100 ms).
    sampler = setInterval(() => {
      const ms = child.pid === undefined ? Number.NaN : processCpuMs(child.pid);
      if (Number.isFinite(ms)) clientCpuMs = ms;
    }, 100);
  }).finally(() => {
    if (ticker) clearInterval(ticker);
    clearInterval(sampler);
  });
  const seconds = (performance.now() - started) / 1000;
  const serverCpuMs = (spec.serverCpuMs?.() ?? Number.NaN) - serverBefore;
  const machineMs = machineBusyMs() - machineBefore;

  const statuses: Record<string, number> = {};
  for (const m of output.matchAll(/^STATUS (\d+) (\d+)$/gm)) statuses[m[1]!] = Number(m[2]);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const latencyUs = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(output)?.[1] ?? Number.NaN);
  const transfer = /Transfer\/sec:\s+([\d.]+)([KMG]?B)/.exec(output);
  const wireBytesPerSecond = transfer ? Number(transfer[1]) * ({ B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as Record<string, number>)[transfer[2]!]! : Number.NaN;

  let ok = 0;
  let responses = 0;
  const other: Record<string, number> = {};
  for (const [status, count] of Object.entries(statuses)) {
    responses += count;
    if (Number(status) === spec.expectStatus) ok += count;
    else other[status] = count;
  }
  if (socketErrors > 0) other.error = socketErrors;
  const runSeconds = spec.durationSeconds;
  return {
    title: spec.title,
    connections: spec.connections,
    seconds: runSeconds,
    responses,
    ok,
    other,
    okPerSecond: ok / runSeconds,
    latencyMs: { p50: latencyUs('LATENCY_P50') / 1000, p90: Number.NaN, p99: latencyUs('LATENCY_P99') / 1000, max: latencyUs('LATENCY_MAX') / 1000 },
    wireBytesPerResponse: responses > 0 ? (wireBytesPerSecond * runSeconds) / responses : 0,
    serverCpuUsPerOk: ok > 0 ? (serverCpuMs * 1000) / ok : Number.NaN,
    serverCores: serverCpuMs / 1000 / seconds,
    clientCores: clientCpuMs / 1000 / seconds,
    otherCores: Math.max(0, (machineMs - (Number.isFinite(serverCpuMs) ? serverCpuMs : 0) - (Number.isFinite(clientCpuMs) ? clientCpuMs : 0)) / 1000 / seconds),
    perSecond: [],
  };
}
