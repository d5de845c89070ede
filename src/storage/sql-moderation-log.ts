// ModerationLog over Kysely: append and read, never update or delete.

import type { Kysely, Selectable } from 'kysely';
import type { CommentStatus } from '../domain/comment.ts';
import { commentId, type CommentId } from '../domain/ids.ts';
import type { ModerationAction, ModerationLogEntry, ModerationNote } from '../domain/moderation.ts';
import type { ModerationLog } from '../moderation/moderation-log.ts';
import type { Database, ModerationLogTable } from './schema.ts';
import { preparedQuery } from './prepared-query.ts';

type LogRow = { comment_id: number; action: string; actor: string; reason: string | null; from_status: string; to_status: string; at: number };
// Every comment POST appends one (prepared-query.ts).
const appendRow = preparedQuery<LogRow, never>(['comment_id', 'action', 'actor', 'reason', 'from_status', 'to_status', 'at'], (db, row) =>
  db.insertInto('moderation_log').values(row),
);

export class SqlModerationLog implements ModerationLog {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async append(e: ModerationLogEntry): Promise<void> {
    await appendRow(this.#db, { comment_id: e.commentId, action: e.action, actor: e.actor, reason: e.reason, from_status: e.fromStatus, to_status: e.toStatus, at: e.at.getTime() });
  }

  async listForComment(id: CommentId): Promise<ModerationLogEntry[]> {
    const rows = await this.#db.selectFrom('moderation_log').selectAll().where('comment_id', '=', id).orderBy('id').execute();
    return rows.map(toEntry);
  }

  async listRecent(query: { limit: number }): Promise<ModerationLogEntry[]> {
    const rows = await this.#db.selectFrom('moderation_log').selectAll().orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toEntry);
  }
}

function toEntry(r: Selectable<ModerationLogTable>): ModerationLogEntry {
  return {
      commentId: commentId(r.comment_id),
      action: r.action as ModerationAction | ModerationNote,
      actor: r.actor,
      reason: r.reason,
      fromStatus: r.from_status as CommentStatus,
      toStatus: r.to_status as CommentStatus,
    at: new Date(Number(r.at)),
  };
}
