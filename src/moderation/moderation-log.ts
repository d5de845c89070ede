// The append-only record of every moderation action. Implemented by storage/sql-moderation-log.ts.

import type { CommentId } from '../domain/ids.ts';
import type { ModerationLogEntry } from '../domain/moderation.ts';

export interface ModerationLog {
  append(entry: ModerationLogEntry): Promise<void>;
  listForComment(commentId: CommentId): Promise<ModerationLogEntry[]>;
  /** The newest entries first. */
  listRecent(query: { limit: number }): Promise<ModerationLogEntry[]>;
}
