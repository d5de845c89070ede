// The IP retention job: comments older than the retention period keep only the network of
// their IP (IPv4 /24, IPv6 /64). Flood control and bans use the keyed hash, not the raw IP.

import { truncateIp } from '../domain/ip.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { Job } from '../jobs/run-jobs.ts';

const batchSize = 500;
const msPerDay = 86_400_000;

export function createTruncateOldIps(deps: { comments: CommentStore; settings: SettingsStore }): Job {
  return {
    name: 'truncate-old-ips',
    intervalMs: 3_600_000,
    async run(now) {
      const { ipRetentionDays } = await deps.settings.discussion();
      const before = new Date(now.getTime() - ipRetentionDays * msPerDay);
      let truncated = 0;
      for (;;) {
        const batch = await deps.comments.listWholeIps({ before, limit: batchSize });
        for (const { id, ip } of batch) await deps.comments.replaceIp({ id, ip: truncateIp(ip) });
        truncated += batch.length;
        if (batch.length < batchSize) break;
      }
      return `${truncated} IP addresses reduced to their network`;
    },
  };
}
