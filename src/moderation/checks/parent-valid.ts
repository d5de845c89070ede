// Refuses a reply to a comment that is not approved or belongs to another article
// (WordPress 6.2+ refuses replies to unapproved comments).

import { AppError } from '../../domain/errors.ts';
import type { ModerationCheck } from '../check.ts';

export const parentValid: ModerationCheck = {
  name: 'parent-valid',
  run(ctx) {
    if (ctx.draft.parentId === null) return undefined;
    if (!ctx.parent || ctx.parent.articleId !== ctx.article.id || ctx.parent.status !== 'approved') {
      throw new AppError('parent_invalid', { field: 'comment_parent' });
    }
    return undefined;
  },
};
