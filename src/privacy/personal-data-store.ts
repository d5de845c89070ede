// What the "your data" use cases need of storage: a commenter's comments by email, their
// erasure, pending requests and the log of runs. Implemented by storage/sql-personal-data-store.ts.

import type { CommentStatus } from '../domain/comment.ts';
import type { ArticleId, CommentId } from '../domain/ids.ts';
import type { PrivacyRequestKind, PrivacyRun } from '../domain/privacy.ts';

export type { PrivacyAction, PrivacyRequestKind, PrivacyRun } from '../domain/privacy.ts';

/** One comment as a commenter's export shows it: everything stored about it. */
export interface PersonalComment {
  readonly id: CommentId;
  readonly articleId: ArticleId;
  readonly articleTitle: string;
  readonly articleSlug: string;
  readonly articlePublishedAt: Date;
  readonly parentId: CommentId | null;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string | null;
  readonly ip: string;
  readonly userAgent: string;
  readonly bodyText: string;
  readonly status: CommentStatus;
  readonly createdAt: Date;
  readonly editedAt: Date | null;
}

export interface PersonalDataStore {
  commentsBy(email: string): Promise<PersonalComment[]>;
  /**
   * Anonymises every comment of `email` (any status): name, email, website, IP, its hash and the
   * user agent; with `deleteText`, the text becomes the "[deleted]" placeholder and earlier
   * versions go too. Its subscriptions and address go, labels of rules made from it are
   * scrubbed (the rule itself stays: it holds a keyed hash), and mail to it is dropped.
   * Says how many comments and which articles changed.
   */
  erase(query: { email: string; emailHash: string; deleteText: boolean; placeholder: { text: string; html: string }; at: Date }): Promise<{ comments: number; articleIds: ArticleId[] }>;
  saveRequest(request: { tokenHash: string; email: string; kind: PrivacyRequestKind; at: Date; expiresAt: Date }): Promise<void>;
  /** The request if its token is known and fresh; it is deleted (links work once). */
  takeRequest(tokenHash: string, now: Date): Promise<{ email: string; kind: PrivacyRequestKind } | undefined>;
  findRequest(tokenHash: string, now: Date): Promise<{ kind: PrivacyRequestKind } | undefined>;
  /** When the latest request for this address was made, if any. */
  lastRequestAt(email: string): Promise<Date | null>;
  logRun(run: PrivacyRun): Promise<void>;
  listRuns(limit: number): Promise<PrivacyRun[]>;
}
