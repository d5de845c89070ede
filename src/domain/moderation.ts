// Moderation vocabulary: verdicts with their reasons, the actions a moderator takes, and the
// log every action writes. Pure; moderation/ holds the checks and use cases.

import type { Article } from './article.ts';
import type { CommentId } from './ids.ts';
import type { Comment, CommentStatus } from './comment.ts';
import type { ReportSummary } from './report.ts';

/** Why a check held or spammed a comment; shown to moderators, never to the public. */
export interface CheckReason {
  readonly check: string;
  readonly code: string;
  readonly detail: string;
}

export interface Verdict {
  readonly status: Extract<CommentStatus, 'approved' | 'pending' | 'spam'>;
  readonly reasons: readonly CheckReason[];
}

export type ModerationAction = 'approve' | 'hold' | 'spam' | 'trash' | 'restore';
/** Actions that change no status; logged against the comment they were taken from. */
export type ModerationNote = 'screen' | 'ban' | 'premoderate' | 'lift' | 'feature' | 'unfeature' | 'edit' | 'reply' | 'delete' | 'dismiss_reports';

/** The actor of automatic verdicts in the moderation log. */
export const screeningActor = 'system:screening';

export interface ModerationLogEntry {
  readonly commentId: CommentId;
  readonly action: ModerationAction | ModerationNote;
  readonly actor: string;
  readonly reason: string | null;
  readonly fromStatus: CommentStatus;
  readonly toStatus: CommentStatus;
  readonly at: Date;
}

/** A tab of the moderation queue: one status, comments with unresolved reader reports, or all of them. */
export type QueueTab = CommentStatus | 'reported' | 'all';
export const queueTabs: readonly QueueTab[] = ['pending', 'reported', 'approved', 'spam', 'trash', 'all'];

/** How many comments one author (by email) has in each status. */
export type AuthorHistory = Record<CommentStatus, number>;

export interface QueueItem {
  readonly comment: Comment;
  readonly article: Article | undefined;
  readonly history: AuthorHistory;
  /** Unresolved reader reports on it, if any. */
  readonly reports?: ReportSummary;
}

export interface QueuePage {
  readonly items: QueueItem[];
  readonly counts: Record<QueueTab, number>;
  /** The cursor for the next (older) page, if there is one. */
  readonly nextBefore: CommentId | null;
}

/** Where each action leads; `restore` returns a trashed or spammed comment to the queue. */
export function nextStatus(action: ModerationAction, from: CommentStatus): CommentStatus | undefined {
  switch (action) {
    case 'approve':
      return from === 'approved' ? undefined : 'approved';
    case 'hold':
      return from === 'pending' ? undefined : 'pending';
    case 'spam':
      return from === 'spam' ? undefined : 'spam';
    case 'trash':
      return from === 'trash' ? undefined : 'trash';
    case 'restore':
      return from === 'spam' || from === 'trash' ? 'pending' : undefined;
  }
}
