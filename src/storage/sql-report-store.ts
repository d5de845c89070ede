// ReportStore over Kysely: reader reports by keyed hashes, their counts and resolution, for
// SQLite and PostgreSQL alike.

import { sql, type Kysely } from 'kysely';
import { commentId, type CommentId } from '../domain/ids.ts';
import type { CheckReason } from '../domain/moderation.ts';
import type { ReportReason, ReportSummary } from '../domain/report.ts';
import type { NewReport, ReportStore } from '../comments/report-store.ts';
import type { Database } from './schema.ts';

const notesShown = 5;

export class SqlReportStore implements ReportStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async exists(query: { commentId: CommentId; readerHash: string }): Promise<boolean> {
    const row = await this.#db.selectFrom('comment_reports').select('id').where('comment_id', '=', query.commentId).where('reader_hash', '=', query.readerHash).executeTakeFirst();
    return row !== undefined;
  }

  async countFromNetwork(query: { networkHash: string; since: Date }): Promise<number> {
    const row = await this.#db
      .selectFrom('comment_reports')
      .select(sql<number>`count(*)`.as('n'))
      .where('network_hash', '=', query.networkHash)
      .where('created_at', '>=', query.since.getTime())
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async insert(r: NewReport): Promise<void> {
    await this.#db
      .insertInto('comment_reports')
      .values({ comment_id: r.commentId, reader_hash: r.readerHash, network_hash: r.networkHash, reason: r.reason, note: r.note, created_at: r.at.getTime() })
      .execute();
  }

  async openNetworks(id: CommentId): Promise<number> {
    const row = await this.#db
      .selectFrom('comment_reports')
      .select(sql<number>`count(distinct network_hash)`.as('n'))
      .where('comment_id', '=', id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async holdIfApproved(query: { commentId: CommentId; reason: CheckReason; at: Date }): Promise<boolean> {
    const row = await this.#db.selectFrom('comments').select('reasons').where('id', '=', query.commentId).executeTakeFirst();
    if (!row) return false;
    const reasons = [...(JSON.parse(row.reasons) as CheckReason[]).filter((r) => r.check !== query.reason.check), query.reason];
    // Conditional, so of two reports crossing the threshold at once only one holds.
    const result = await this.#db
      .updateTable('comments')
      .set({ status: 'pending', reasons: JSON.stringify(reasons), updated_at: query.at.getTime() })
      .where('id', '=', query.commentId)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async resolve(query: { commentId: CommentId; by: string; resolution: string; at: Date }): Promise<number> {
    const result = await this.#db
      .updateTable('comment_reports')
      .set({ resolved_at: query.at.getTime(), resolved_by: query.by, resolution: query.resolution })
      .where('comment_id', '=', query.commentId)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async summaries(ids: readonly CommentId[]): Promise<Map<CommentId, ReportSummary>> {
    const out = new Map<CommentId, ReportSummary>();
    if (ids.length === 0) return out;
    const rows = await this.#db
      .selectFrom('comment_reports')
      .select(['comment_id', 'reason', 'note'])
      .where('comment_id', 'in', [...ids])
      .where('resolved_at', 'is', null)
      .orderBy('id')
      .execute();
    const building = new Map<CommentId, { open: number; byReason: Partial<Record<ReportReason, number>>; notes: string[] }>();
    for (const r of rows) {
      const id = commentId(r.comment_id);
      const s = building.get(id) ?? { open: 0, byReason: {}, notes: [] };
      s.open++;
      const reason = r.reason as ReportReason;
      s.byReason[reason] = (s.byReason[reason] ?? 0) + 1;
      if (r.note) s.notes.push(r.note);
      building.set(id, s);
    }
    for (const [id, s] of building) out.set(id, { ...s, notes: s.notes.slice(-notesShown) });
    return out;
  }
}
