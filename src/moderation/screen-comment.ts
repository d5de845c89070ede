// Runs the checks in order and turns their outcomes into one Verdict: refusals throw, a spam
// outcome ends the screening, hold outcomes accumulate so the moderator sees every reason.

import type { CheckReason, Verdict } from '../domain/moderation.ts';
import type { CheckContext, ModerationCheck } from './check.ts';

export function screenComment(ctx: CheckContext, checks: readonly ModerationCheck[]): Verdict {
  const holds: CheckReason[] = [];
  for (const check of checks) {
    const outcome = check.run(ctx);
    if (!outcome) continue;
    if (outcome.status === 'spam') return { status: 'spam', reasons: [outcome.reason] };
    holds.push(outcome.reason);
  }
  return holds.length > 0 ? { status: 'pending', reasons: holds } : { status: 'approved', reasons: [] };
}
