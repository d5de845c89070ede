// Reader reports: why a reader flags a comment, and what moderators see of the reports on one.
// Pure; comments/report-comment.ts files them, moderation/ resolves them.

export type ReportReason = 'spam' | 'abuse' | 'off_topic' | 'other';
export const reportReasons: readonly ReportReason[] = ['spam', 'abuse', 'off_topic', 'other'];

/** A note with a report is for the moderator: a sentence or two, not a second comment. */
export const maxReportNoteChars = 500;

/** Reports from one network in an hour before more are refused (a person reports a few; a script many). */
export const reportsPerNetworkPerHour = 20;

/** The moderation log's actor when enough reports hold a comment. */
export const reportsActor = 'system:reports';

/** The unresolved reports on one comment, for the moderation queue. */
export interface ReportSummary {
  readonly open: number;
  readonly byReason: Readonly<Partial<Record<ReportReason, number>>>;
  /** The newest notes readers wrote (a few), oldest first. */
  readonly notes: readonly string[];
}

export const isReportReason = (value: string): value is ReportReason => (reportReasons as readonly string[]).includes(value);

/** "spam 2, abuse 1": the reasons of a summary, most frequent first. */
export function describeReasons(byReason: ReportSummary['byReason']): string {
  return Object.entries(byReason)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([reason, n]) => `${reason.replace('_', '-')} ${n}`)
    .join(', ');
}
