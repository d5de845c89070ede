// Refuses the same comment twice (same article, parent, author, email and text, not trashed),
// with no time window, as WordPress does: a double-clicked button posts once.

import { AppError } from '../../domain/errors.ts';
import type { ModerationCheck } from '../check.ts';

export const duplicate: ModerationCheck = {
  name: 'duplicate',
  run(ctx) {
    if (ctx.isDuplicate) throw new AppError('duplicate_comment');
    return undefined;
  },
};
