/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The readers' reports on one comment in the moderation queue: how many, why, their notes,
// and the button that dismisses them (a status action resolves them too).

import type { ReportReason, ReportSummary } from '../../domain/report.ts';

const reasonLabels: Record<ReportReason, string> = { spam: 'spam', abuse: 'abuse', off_topic: 'off-topic', other: 'other' };

export function ReaderReports({ commentId, reports }: { commentId: number; reports: ReportSummary }) {
  const reasons = (Object.entries(reports.byReason) as [ReportReason, number][]).sort((a, b) => b[1] - a[1]);
  return (
    <div class="reader-reports">
      <p>
        <strong>
          Reported {reports.open} {reports.open === 1 ? 'time' : 'times'}
        </strong>
        : {reasons.map(([reason, n]) => `${reasonLabels[reason]} ${n}`).join(', ')}{' '}
        <button type="submit" name="one" value={`dismiss:${commentId}`}>
          Dismiss reports
        </button>
      </p>
      {reports.notes.length > 0 ? (
        <ul class="reasons" aria-label="What readers wrote">
          {reports.notes.map((note) => (
            <li>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
