// Holds a comment the local spam classifier (moderation/spam-model.ts, which learns from the
// moderators' own decisions) scores at or above the site's threshold. It only holds: a false
// positive must never hide a reader's words in the spam folder.

import type { ModerationCheck } from '../check.ts';

export const likelySpam: ModerationCheck = {
  name: 'likely-spam',
  run(ctx) {
    const threshold = ctx.settings.spamHoldPercent;
    if (threshold <= 0 || ctx.spamScore === null) return undefined;
    const percent = ctx.spamScore * 100;
    if (percent < threshold) return undefined;
    const detail = `spam filter: ${Math.floor(percent)}% likely spam (holding at ${threshold}%)`;
    return { status: 'pending', reason: { check: this.name, code: 'likely_spam', detail } };
  },
};
