// Memory of another process (a server under test or under benchmark), read from /proc, so the
// figure is the server's own and not the measuring process's.

import { readFileSync } from 'node:fs';

/** Resident memory of one process (VmRSS), in bytes; NaN where /proc is missing. */
export function processRssBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) * 1024;
  } catch {
    return Number.NaN;
  }
}
