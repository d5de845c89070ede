// Where reader reports live. Implemented by storage/sql-report-store.ts.

import type { CommentId } from '../domain/ids.ts';
import type { CheckReason } from '../domain/moderation.ts';
import type { ReportReason, ReportSummary } from '../domain/report.ts';

export interface NewReport {
  readonly commentId: CommentId;
  readonly readerHash: string;
  readonly networkHash: string;
  readonly reason: ReportReason;
  readonly note: string | null;
  readonly at: Date;
}

export interface ReportStore {
  /** Whether this reader has reported this comment already (resolved or not). */
  exists(query: { commentId: CommentId; readerHash: string }): Promise<boolean>;
  /** Reports from this network since `since`: what the rate limit counts. */
  countFromNetwork(query: { networkHash: string; since: Date }): Promise<number>;
  insert(report: NewReport): Promise<void>;
  /** Distinct networks with an unresolved report on the comment: what a hold counts. */
  openNetworks(commentId: CommentId): Promise<number>;
  /** Holds an approved comment (only if still approved), adding the reason; false if it was not approved. */
  holdIfApproved(query: { commentId: CommentId; reason: CheckReason; at: Date }): Promise<boolean>;
  /** Resolves every open report on the comment; returns how many. */
  resolve(query: { commentId: CommentId; by: string; resolution: string; at: Date }): Promise<number>;
  /** The open reports on each of these comments (only those with any). */
  summaries(commentIds: readonly CommentId[]): Promise<Map<CommentId, ReportSummary>>;
}

/** The stores a transaction lends to resolve reports. */
export interface ReportStores {
  readonly reports: ReportStore;
}
