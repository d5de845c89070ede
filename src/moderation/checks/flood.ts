// Refuses a comment that follows the last one from the same IP or email too closely.

import { AppError } from '../../domain/errors.ts';
import type { ModerationCheck } from '../check.ts';

export const flood: ModerationCheck = {
  name: 'flood',
  run(ctx) {
    if (ctx.lastCommentAt === null || ctx.settings.floodIntervalSeconds <= 0) return undefined;
    const elapsedMs = ctx.now.getTime() - ctx.lastCommentAt.getTime();
    if (elapsedMs < ctx.settings.floodIntervalSeconds * 1000) throw new AppError('comment_flood');
    return undefined;
  },
};
