// The ports of live updates: a use case appends a live event in the transaction of its cause
// (LiveEventStore); the hub reads the log after an id (LiveEventFeed). Storage implements both.

import type { Comment } from '../domain/comment.ts';
import type { ArticleId } from '../domain/ids.ts';
import type { LiveEvent } from '../domain/live-event.ts';

export interface LiveEventStore {
  /** Appends one event; ids are given in commit order, so a reader after id N never misses a later commit. */
  append(event: Omit<LiveEvent, 'id'>): Promise<void>;
}

/** The stores a transaction lends to record live events. */
export interface LiveStores {
  readonly liveEvents: LiveEventStore;
}

/** An event with its comment as it is now (null when the comment is gone). */
export interface LiveEventRow extends LiveEvent {
  readonly comment: Omit<Comment, 'reasons' | 'bodyText'> | null;
}

export interface LiveDiscussion {
  readonly title: string;
  readonly approvedCount: number;
}

export interface LiveEventFeed {
  /** The newest id, 0 when the log is empty. */
  latestId(): Promise<number>;
  /** The oldest id still kept, null when the log is empty (older ones were pruned). */
  oldestId(): Promise<number | null>;
  /** Events with `afterId` < id ≤ `upToId`, oldest first, at most `limit`; one article's when given. */
  listAfter(query: { afterId: number; upToId?: number; articleId?: ArticleId; limit: number }): Promise<LiveEventRow[]>;
  /** Each article's title and count of approved comments. */
  discussions(articleIds: readonly ArticleId[]): Promise<Map<ArticleId, LiveDiscussion>>;
  /** Forgets events older than `before`; returns how many. */
  deleteBefore(before: Date): Promise<number>;
}
