// One load run against one URL with autocannon, reduced to the numbers the report shows:
// responses/s, latency percentiles, bytes per response, status counts, and the CPU time the
// server process, the load generator (this process) and everything else on the machine (the
// run's noise) spent meanwhile. Warm-up runs use the same code.

import autocannon, { type RequestSpec } from 'autocannon';
import { machineBusyMs, type ChildServer } from './servers.ts';

export interface LoadSpec {
  readonly title: string;
  readonly server: ChildServer;
  readonly path: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /**
   * Worker threads for the load generator. One thread of autocannon tops out near one core, below
   * what a server sending a cached page can answer, so GETs need more; `request` must then be
   * absent (functions cannot cross into workers) and `perSecond` stays empty.
   */
  readonly workers?: number;
  /** Per-request setup (e.g. a new form body each time); plain GET when absent. */
  readonly request?: RequestSpec;
  /** Status counted as success (200 for pages, 303 for an accepted comment). */
  readonly expectStatus: number;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoadResult {
  readonly title: string;
  readonly connections: number;
  readonly seconds: number;
  readonly responses: number;
  /** Responses with `expectStatus`, and the rest by status ("error" for socket errors). */
  readonly ok: number;
  readonly other: Record<string, number>;
  readonly okPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** Bytes read from the socket per response: status line, headers and body. */
  readonly wireBytesPerResponse: number;
  /** Server CPU time per successful response, in µs (NaN where /proc is missing). */
  readonly serverCpuUsPerOk: number;
  /** Cores the server, the load generator and everything else on the machine used on average. */
  readonly serverCores: number;
  readonly clientCores: number;
  /** Anything but these two (other people's jobs on a shared machine): the run's noise. */
  readonly otherCores: number;
  /** Successful responses in each second of the run (to see a trend); single-thread runs only. */
  readonly perSecond: readonly number[];
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.request && spec.workers && spec.workers > 1) throw new Error(`${spec.title}: per-request setup needs a single-thread load generator`);
  const serverCpuBefore = spec.server.cpuMs();
  const clientCpuBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const started = performance.now();

  let okThisSecond = 0;
  const perSecond: number[] = [];
  const instance = autocannon({
    title: spec.title,
    url: spec.server.url + spec.path,
    connections: spec.connections,
    duration: spec.durationSeconds,
    ...(spec.workers && spec.workers > 1 ? { workers: spec.workers } : {}),
    ...(spec.request ? { requests: [spec.request] } : {}),
    ...(spec.headers ? { headers: { ...spec.headers } } : {}),
  });
  instance.on('response', (_client: unknown, statusCode: number) => {
    if (statusCode === spec.expectStatus) okThisSecond++;
  });
  instance.on('tick', () => {
    perSecond.push(okThisSecond);
    okThisSecond = 0;
  });
  const result = await instance;

  const seconds = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const serverCpuMs = spec.server.cpuMs() - serverCpuBefore;
  const machineMs = machineBusyMs() - machineBefore;
  const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;

  const other: Record<string, number> = {};
  let ok = 0;
  let responses = 0;
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
    responses += count;
    if (Number(status) === spec.expectStatus) ok += count;
    else other[status] = count;
  }
  if (result.errors > 0) other.error = result.errors; // includes timeouts
  return {
    title: spec.title,
    connections: spec.connections,
    seconds: result.duration,
    responses,
    ok,
    other,
    okPerSecond: ok / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    wireBytesPerResponse: responses > 0 ? result.throughput.total / responses : 0,
    serverCpuUsPerOk: ok > 0 ? (serverCpuMs * 1000) / ok : Number.NaN,
    serverCores: serverCpuMs / 1000 / seconds,
    clientCores: clientCpuMs / 1000 / seconds,
    otherCores: Math.max(0, (machineMs - serverCpuMs - clientCpuMs) / 1000 / seconds),
    perSecond,
  };
}
