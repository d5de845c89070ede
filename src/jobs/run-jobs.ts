// Runs background jobs on a timer in every instance; the database lets exactly one instance
// run each due job (JobStore.claim), so N instances do the work once, not N times.

import type { Clock } from '../lib/clock.ts';
import { repeatEvery } from '../lib/repeat.ts';
import type { JobStore } from './job-store.ts';

export interface Job {
  readonly name: string;
  /** Time between runs; a function when a setting decides it (read before each claim). */
  readonly intervalMs: number | (() => Promise<number>);
  run(now: Date): Promise<string | void>;
}

export interface JobRunnerDeps {
  readonly jobs: JobStore;
  readonly clock: Clock;
  readonly log: { info(o: object, msg: string): void; error(o: object, msg: string): void };
}

export function createJobRunner(deps: JobRunnerDeps, jobs: readonly Job[]) {
  /** One pass: each due job that this instance wins the claim for runs once. */
  async function tick(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of jobs) {
      const now = deps.clock.now();
      try {
        const intervalMs = typeof job.intervalMs === 'number' ? job.intervalMs : await job.intervalMs();
        if (!(await deps.jobs.claim({ name: job.name, intervalMs, now }))) continue;
        const summary = await job.run(now);
        ran.push(job.name);
        deps.log.info({ job: job.name, summary }, 'job ran');
      } catch (e) {
        deps.log.error({ job: job.name, err: e }, 'job failed');
      }
    }
    return ran;
  }

  let repeating: { stop(): Promise<void> } | undefined;
  return {
    tick,
    /** Ticks now and then every `everyMs`, never two ticks at once. */
    start(everyMs = 60_000) {
      repeating = repeatEvery(tick, everyMs);
    },
    async stop() {
      await repeating?.stop();
    },
  };
}
