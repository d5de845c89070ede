// Turns load results into the plain-text tables `npm run bench` prints (Markdown tables, so
// they can be pasted into BENCHMARKS.md as they are).

import type { LoadResult } from './load.ts';

export interface Row {
  readonly request: string;
  readonly server: string;
  /** Body bytes of one response as fetched before the run (undefined for redirects). */
  readonly bodyBytes?: number;
  readonly result: LoadResult;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function resultsTable(rows: readonly Row[]): string {
  const header = ['request', 'server', 'conns', 'ok responses/s', 'p50 ms', 'p99 ms', 'max ms', 'body / wire per response', 'not ok', 'server CPU per ok', 'cores: server / client / other'];
  const lines = rows.map(({ request, server, bodyBytes, result: r }) => [
    request,
    server,
    String(r.connections),
    int(r.okPerSecond),
    fixed(r.latencyMs.p50, 0),
    fixed(r.latencyMs.p99, 0),
    fixed(r.latencyMs.max, 0),
    `${bodyBytes === undefined ? '–' : kb(bodyBytes)} / ${kb(r.wireBytesPerResponse)}`,
    notOk(r),
    `${int(r.serverCpuUsPerOk)} µs`,
    `${fixed(r.serverCores, 2)} / ${fixed(r.clientCores, 2)} / ${fixed(r.otherCores, 2)}`,
  ]);
  return markdownTable(header, lines);
}

export function notOk(r: LoadResult): string {
  const entries = Object.entries(r.other);
  return entries.length === 0 ? '0' : entries.map(([status, n]) => `${int(n)}× ${status}`).join(', ');
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** "12,345 → 9,876" trend of per-second counts: first full second, middle, last full second. */
export function trend(perSecond: readonly number[]): string {
  const full = perSecond.slice(0, -1).length > 0 ? perSecond.slice(0, -1) : perSecond; // the last tick may be partial
  if (full.length === 0) return '–';
  const mid = full[Math.floor(full.length / 2)]!;
  return `${int(full[0]!)} → ${int(mid)} → ${int(full[full.length - 1]!)}`;
}
