// Holds every comment when the site pre-moderates everything.

import type { ModerationCheck } from '../check.ts';

export const holdAll: ModerationCheck = {
  name: 'hold-all',
  run(ctx) {
    if (!ctx.settings.holdAllComments) return undefined;
    return { status: 'pending', reason: { check: this.name, code: 'all_comments_held', detail: 'every comment is reviewed on this site' } };
  },
};
