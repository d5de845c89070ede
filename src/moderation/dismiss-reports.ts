// A moderator dismisses the reader reports on a comment (it stays as it is): the reports are
// resolved and a log row written, in one transaction. Acting on the comment instead (approve,
// spam, trash…) resolves them too, in moderate-comment.ts.

import { AppError } from '../domain/errors.ts';
import type { CommentId } from '../domain/ids.ts';
import type { Clock } from '../lib/clock.ts';
import type { Transact } from '../lib/transact.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import type { ReportStore } from '../comments/report-store.ts';
import type { ModerationLog } from './moderation-log.ts';

export interface DismissReportsDeps {
  readonly transact: Transact<{ comments: CommentStore; reports: ReportStore; moderationLog: ModerationLog }>;
  readonly clock: Clock;
}

export function createDismissReports(deps: DismissReportsDeps) {
  /** Returns how many reports were dismissed (0 when none were open). */
  return async function dismissReports(request: { commentId: CommentId; actor: string }): Promise<number> {
    const at = deps.clock.now();
    return deps.transact(async ({ comments, reports, moderationLog }) => {
      const comment = await comments.findById(request.commentId);
      if (!comment) throw new AppError('comment_not_found');
      const n = await reports.resolve({ commentId: comment.id, by: request.actor, resolution: 'dismissed', at });
      if (n > 0) await moderationLog.append({ commentId: comment.id, action: 'dismiss_reports', actor: request.actor, reason: `${n} ${n === 1 ? 'report' : 'reports'} dismissed`, fromStatus: comment.status, toStatus: comment.status, at });
      return n;
    });
  };
}

export type DismissReports = ReturnType<typeof createDismissReports>;
