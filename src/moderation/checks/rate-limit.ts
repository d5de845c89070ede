// Over a rate limit (per address, per email, per article): a commenter who solved the puzzle
// passes; one who asked to be held instead (no JavaScript) is held; anyone else is asked for the
// puzzle (429, their text kept) — never a hard refusal.

import { AppError } from '../../domain/errors.ts';
import type { ModerationCheck } from '../check.ts';

export const rateLimit: ModerationCheck = {
  name: 'rate-limit',
  run(ctx) {
    const { over, solved, holdRequested } = ctx.rateLimit;
    if (over === null || solved) return undefined;
    if (holdRequested) return { status: 'pending', reason: { check: this.name, code: 'rate_limited_held', detail: `over the rate limit (${over}); the commenter chose moderation over the puzzle` } };
    throw new AppError('rate_limited', { message: over });
  },
};
