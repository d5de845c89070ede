// Holds a commenter's comments until one with the same name and email has been approved.

import type { ModerationCheck } from '../check.ts';

export const firstTimeCommenter: ModerationCheck = {
  name: 'first-time-commenter',
  run(ctx) {
    if (!ctx.settings.requirePreviouslyApproved || ctx.approvedBySameAuthor > 0) return undefined;
    return { status: 'pending', reason: { check: this.name, code: 'first_comment', detail: 'no approved comment yet with this name and email' } };
  },
};
