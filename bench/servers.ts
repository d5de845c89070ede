// The servers under measurement, each in its own child process: the real `dateline serve`
// and the bare Node `http` server of static-server.ts. Owns spawning them, learning their port
// from what they print, reading their CPU time, and killing every one of them however the
// benchmark ends (normal exit, thrown error, Ctrl-C).

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** User + system CPU time it and its child processes have used so far, in ms (Linux /proc; NaN elsewhere). */
  cpuMs(): number;
  /** The last lines it wrote (stdout and stderr), for error reports. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kill whatever is still running; synchronous so it also works from an 'exit' handler. */
export function killAllChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

process.once('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

export interface SpawnOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Matches the line announcing the server is listening; group 1 is the port. */
  readonly ready: RegExp;
  readonly startTimeoutMs?: number;
}

/** Starts `node ...args` and resolves once it prints its listening line. */
export function startChildServer(options: SpawnOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const lines: string[] = [];
  const remember = (chunk: Buffer) => {
    // Always drain the pipes: a child blocked on a full stdout pipe would stall the benchmark.
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stderr!.on('data', remember);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${options.name} did not start within ${options.startTimeoutMs ?? 20_000} ms`)), options.startTimeoutMs ?? 20_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      running.delete(child);
      reject(new Error(`${error.message}\n--- ${options.name} output ---\n${lines.join('\n')}`));
    };
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`${options.name} exited early (code ${code}, signal ${signal})`)));
    let announced = false;
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      remember(chunk);
      if (announced) return;
      buffered += chunk.toString('utf8');
      const match = options.ready.exec(buffered);
      if (!match) return;
      announced = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      const port = Number(match[1]);
      resolve({
        name: options.name,
        pid: child.pid!,
        url: `http://127.0.0.1:${port}`,
        cpuMs: () => processCpuMs(child.pid!),
        output: () => lines.join('\n'),
        stop: () => stopChild(child),
      });
    });
  });
}

/** SIGTERM (Dateline closes its server and database cleanly), SIGKILL after 5 s. */
function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const clockTicksPerSecond = 100; // USER_HZ: 100 on every Linux architecture Node supports

// Shared with the load scenario (test/reliability/load.test.ts); run.ts imports it from here.
export { processRssBytes } from '../test/support/process-memory.ts';

/** CPU time the whole machine has spent busy (all cores, not idle or waiting on I/O), in ms. */
export function machineBusyMs(): number {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal …: busy is user, nice, system, irq, softirq.
    const [user, nice, system, , , irq, softirq] = ticks.map(Number) as number[];
    return ((user! + nice! + system! + irq! + softirq!) * 1000) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time of a process and all its descendants (cluster workers, if the server forks any), in
 * ms, from /proc/PID/stat: utime and stime are fields 14 and 15, the parent pid field 4.
 */
export function processCpuMs(rootPid: number): number {
  try {
    const stats = new Map<number, { ppid: number; ms: number }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited while we looked
      }
      // Fields after the ")" that ends the command name start at field 3 (state).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond });
    }
    if (!stats.has(rootPid)) return Number.NaN;
    let total = 0;
    for (const [pid, { ms }] of stats) {
      for (let p: number | undefined = pid; p !== undefined && p > 1; p = stats.get(p)?.ppid) {
        if (p === rootPid) {
          total += ms;
          break;
        }
      }
    }
    return total;
  } catch {
    return Number.NaN;
  }
}
