// Any reader reports an approved comment with a reason. The reader is known only by keyed
// hashes under the site secret — of their address and browser (one report per reader per
// comment) and of their address's network (rate limit; readers counted towards a hold) — so
// no IP is stored. The form carries a token signed for this reader and comment, so another
// site cannot make its visitors' browsers file reports. Reports from `reportsToHold` networks
// hold the comment (logged as system:reports) until a moderator decides.

import { isPublic } from '../domain/article.ts';
import { AppError, InvalidFields } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { CommentId } from '../domain/ids.ts';
import { truncateIp } from '../domain/ip.ts';
import { describeReasons, isReportReason, maxReportNoteChars, reportsActor, reportsPerNetworkPerHour, type ReportReason } from '../domain/report.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { Transact } from '../lib/transact.ts';
import type { LiveStores } from '../live/live-event-store.ts';
import { recordLiveEvent } from '../live/record-live-event.ts';
import type { ModerationLog } from '../moderation/moderation-log.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { Comment } from '../domain/comment.ts';
import type { CommentStore } from './comment-store.ts';
import type { ReportStore } from './report-store.ts';

export interface ReportCommentDeps {
  readonly comments: Pick<CommentStore, 'findById'>;
  readonly articles: ArticleStore;
  readonly settings: SettingsStore;
  readonly transact: Transact<{ reports: ReportStore; moderationLog: ModerationLog } & LiveStores>;
  readonly keyedHash: KeyedHash;
  readonly events: EventSink;
  readonly clock: Clock;
}

/** Who is reporting, as the request shows it (never stored as such). */
export interface Reader {
  readonly ip: string;
  readonly userAgent: string;
}

export interface ReportRequest {
  readonly commentId: CommentId;
  readonly reason: string;
  readonly note: string;
  readonly token: string;
  readonly reader: Reader;
}

const tokenMs = 86_400_000; // a report form works for a day
const hourMs = 3_600_000;
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function createReportComment(deps: ReportCommentDeps) {
  const readerHash = (reader: Reader) => deps.keyedHash.hash('report-reader', `${reader.ip}\0${reader.userAgent.slice(0, 254)}`);
  const networkHash = (reader: Reader) => deps.keyedHash.hash('report-network', truncateIp(reader.ip));

  /** The comment a reader may report: approved, on a public article. */
  async function reportable(id: CommentId): Promise<Comment> {
    const now = deps.clock.now();
    const comment = await deps.comments.findById(id);
    const article = comment && comment.status === 'approved' ? await deps.articles.findById(comment.articleId) : undefined;
    if (!comment || !article || !isPublic(article, now)) throw new AppError('comment_not_found');
    return comment;
  }

  function validate(request: ReportRequest): { reason: ReportReason; note: string | null } {
    const errors: AppError[] = [];
    if (!isReportReason(request.reason)) errors.push(new AppError('report_reason_invalid', { field: 'reason' }));
    const note = request.note.replace(controls, '').replace(/\r\n?/g, '\n').trim();
    if ([...note].length > maxReportNoteChars) errors.push(new AppError('report_note_too_long', { field: 'note' }));
    if (errors.length > 0) throw new InvalidFields(errors);
    return { reason: request.reason as ReportReason, note: note === '' ? null : note };
  }

  return {
    /** The comment to show above the form, and the form's token for this reader. */
    async form(id: CommentId, reader: Reader): Promise<{ comment: Comment; token: string }> {
      const comment = await reportable(id);
      const token = deps.keyedHash.sign('report', { c: comment.id, r: readerHash(reader).slice(0, 24), t: deps.clock.now().getTime() });
      return { comment, token };
    },

    /** Files the report; `already` when this reader reported the comment before (nothing stored). */
    async report(request: ReportRequest): Promise<{ comment: Comment; outcome: 'received' | 'already'; held: boolean }> {
      const now = deps.clock.now();
      const comment = await reportable(request.commentId);
      const reader = readerHash(request.reader);
      const signed = deps.keyedHash.verify('report', request.token) as { c?: unknown; r?: unknown; t?: unknown } | undefined;
      const age = typeof signed?.t === 'number' ? now.getTime() - signed.t : -1;
      if (!signed || signed.c !== comment.id || signed.r !== reader.slice(0, 24) || age < 0 || age > tokenMs) throw new AppError('report_form_invalid');
      const { reason, note } = validate(request);
      const network = networkHash(request.reader);
      const settings = await deps.settings.discussion();

      const result = await deps.transact(async ({ reports, moderationLog, liveEvents }) => {
        if (await reports.exists({ commentId: comment.id, readerHash: reader })) return { outcome: 'already' as const, held: false };
        if ((await reports.countFromNetwork({ networkHash: network, since: new Date(now.getTime() - hourMs) })) >= reportsPerNetworkPerHour) throw new AppError('report_rate_limited');
        await reports.insert({ commentId: comment.id, readerHash: reader, networkHash: network, reason, note, at: now });
        const readers = await reports.openNetworks(comment.id);
        if (settings.reportsToHold === 0 || readers < settings.reportsToHold) return { outcome: 'received' as const, held: false };
        const summary = (await reports.summaries([comment.id])).get(comment.id);
        const detail = `reported by ${readers} readers (${describeReasons(summary?.byReason ?? {})})`;
        const held = await reports.holdIfApproved({ commentId: comment.id, reason: { check: 'reports', code: 'reported', detail }, at: now });
        if (!held) return { outcome: 'received' as const, held: false };
        await moderationLog.append({ commentId: comment.id, action: 'hold', actor: reportsActor, reason: detail, fromStatus: 'approved', toStatus: 'pending', at: now });
        await recordLiveEvent(liveEvents, { comment, from: 'approved', to: 'pending', at: now });
        return { outcome: 'received' as const, held: true };
      });
      if (result.held) deps.events.emit({ type: 'comment.status_changed', articleId: comment.articleId, commentId: comment.id, from: 'approved', to: 'pending' });
      return { comment, ...result };
    },
  };
}

export type ReportComment = ReturnType<typeof createReportComment>;
