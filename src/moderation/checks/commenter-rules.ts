// A moderator's rules on one commenter: a ban refuses the comment with a polite message and
// stores nothing; "always pre-moderate" holds every comment of theirs.

import { AppError } from '../../domain/errors.ts';
import type { ModerationCheck } from '../check.ts';

export const banned: ModerationCheck = {
  name: 'banned',
  run(ctx) {
    if (ctx.rules.some((r) => r.kind === 'ban')) throw new AppError('commenter_banned');
    return undefined;
  },
};

export const premoderated: ModerationCheck = {
  name: 'premoderated',
  run(ctx) {
    if (!ctx.rules.some((r) => r.kind === 'premoderate')) return undefined;
    return { status: 'pending', reason: { check: this.name, code: 'always_premoderate', detail: 'a moderator asked to review every comment from this commenter' } };
  },
};
