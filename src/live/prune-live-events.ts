// The live-event log only serves readers resuming a dropped stream, so a day of it is plenty:
// a reader away longer is told to reload. This job forgets older events, hourly.

import type { Job } from '../jobs/run-jobs.ts';
import type { LiveEventFeed } from './live-event-store.ts';

export const liveEventsKeptMs = 86_400_000;

export function createPruneLiveEvents(deps: { feed: Pick<LiveEventFeed, 'deleteBefore'> }): Job {
  return {
    name: 'prune-live-events',
    intervalMs: 3_600_000,
    async run(now) {
      const n = await deps.feed.deleteBefore(new Date(now.getTime() - liveEventsKeptMs));
      return `${n} live events forgotten`;
    },
  };
}
