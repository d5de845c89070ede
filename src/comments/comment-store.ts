// The storage the comment use cases need. Implemented by storage/sql-comment-store.ts.
// Queries take request objects so fields can be added without changing signatures.

import type { Article } from '../domain/article.ts';
import type { Comment, CommentDraft, CommentKind, CommentOutline, CommentStatus } from '../domain/comment.ts';
import type { AuthorHistory, CheckReason } from '../domain/moderation.ts';
import type { ArticleId, CommentId } from '../domain/ids.ts';
import type { TrustedHtml } from '../domain/trusted-html.ts';

export interface NewComment extends CommentDraft {
  readonly bodyHtml: TrustedHtml;
  readonly status: CommentStatus;
  readonly reasons: readonly CheckReason[];
  readonly ip: string;
  readonly ipHash: string;
  readonly userAgent: string;
  readonly createdAt: Date;
  /** A pingback or trackback (imported from WordPress); a comment when absent. */
  readonly kind?: CommentKind;
  /** True when `ip` is already only its network (an imported comment past IP retention). */
  readonly ipTruncated?: boolean;
}

/** Narrows the moderation queue; every field optional. */
export interface QueueFilter {
  readonly articleId?: ArticleId;
  /** An email (exact) or a name (exact, case-insensitive). */
  readonly author?: string;
  /** Words of the comment text or the author's name (full-text: each word, or the start of one). */
  readonly search?: string;
  /** Only comments with unresolved reader reports (the Reported tab). */
  readonly reported?: boolean;
}


export interface CommentStore {
  insert(comment: NewComment): Promise<Comment>; // assigns the id
  /** Ids for `insertMany`, taken now so a batch can point replies at parents in the same batch; inside a write transaction only. */
  reserveIds(count: number): Promise<CommentId[]>;
  /** Many comments at once with reserved ids (imports: no events, no checks). */
  insertMany(comments: readonly (NewComment & { readonly id: CommentId })[]): Promise<void>;
  findById(id: CommentId): Promise<Comment | undefined>;
  /** An article's comments with one of `statuses`, plus any of `alsoIds` (an author's own held ones), oldest first. */
  listForArticle(query: { articleId: ArticleId; statuses: readonly CommentStatus[]; alsoIds?: readonly CommentId[] }): Promise<Comment[]>;
  /** The same comments as `listForArticle`, in the same order, as outlines (no text, no author): cheap on a long thread. */
  listOutline(query: { articleId: ArticleId; statuses: readonly CommentStatus[]; alsoIds?: readonly CommentId[] }): Promise<CommentOutline[]>;
  /** These comments, in no particular order (an id that does not exist is left out). */
  findByIds(ids: readonly CommentId[]): Promise<Comment[]>;
  /** All comments, newest first, optionally of one status; for the shell and the admin queue. */
  list(query: { status?: CommentStatus; limit: number; before?: CommentId }): Promise<Comment[]>;
  setStatus(query: { id: CommentId; status: CommentStatus; at: Date }): Promise<void>;
  /** Same article, parent, name, email and text, in any status but trash. */
  existsDuplicate(draft: CommentDraft): Promise<boolean>;
  /** Newest creation time since `since` of a comment from this IP hash or this email. */
  /**
   * Comments (any status) since `ipSince` from this IP hash and from this email, and since
   * `articleSince` on this article: what rate limits count. Each count stops at its limit in
   * `upTo` (a limit of 0 is not counted at all).
   */
  countSince(query: { ipHash: string; email: string; articleId: ArticleId; ipSince: Date; articleSince: Date; upTo: { perHour: number; perArticle: number } }): Promise<{ byIp: number; byEmail: number; byArticle: number }>;
  lastCommentAt(query: { ipHash: string; email: string; since: Date }): Promise<Date | null>;
  countApprovedByAuthor(query: { name: string; email: string }): Promise<number>;
  /**
   * Makes concurrent submissions by one commenter (same IP hash or email) wait for each other
   * until the transaction ends, so flood and duplicate checks hold across instances.
   */
  lockCommenter(query: { ipHash: string; email: string }): Promise<void>;
  /** Comments older than `before` whose IP is still whole, oldest first. */
  listWholeIps(query: { before: Date; limit: number }): Promise<{ id: CommentId; ip: string }[]>;
  replaceIp(query: { id: CommentId; ip: string }): Promise<void>;
  setFeatured(query: { id: CommentId; at: Date | null }): Promise<void>;
  /** Replaces the text, keeping the earlier text as a revision. */
  replaceBody(query: { id: CommentId; bodyText: string; bodyHtml: TrustedHtml; by: string; at: Date }): Promise<void>;
  revisionsOf(id: CommentId): Promise<{ bodyText: string; replacedBy: string; replacedAt: Date }[]>;
  /** A reply written by staff: stored approved, marked as staff. */
  insertStaffReply(comment: NewComment & { staffId: number }): Promise<Comment>;
  /** The comment's stored IP (staff use only: bans by network). */
  ipOf(id: CommentId): Promise<string | undefined>;
  /** The queue: newest first, keyset-paged by id, of one status or all. */
  queue(query: QueueFilter & { status?: CommentStatus; before?: CommentId; limit: number }): Promise<Comment[]>;
  /** Comments per status; with `upTo`, a count above it is reported as upTo + 1 ("more than"). */
  countByStatus(filter: QueueFilter & { upTo?: number }): Promise<Partial<Record<CommentStatus, number>>>;
  historyOf(emails: readonly string[]): Promise<Map<string, AuthorHistory>>;
  /** Comments created since `since`, by UTC day (YYYY-MM-DD). */
  countPerDay(query: { since: Date }): Promise<Map<string, number>>;
  /**
   * Approved comments of articles public at `now` (of one article, or site-wide), newest first
   * (by id, which the status index serves without a sort), for the comment feeds.
   */
  listForFeed(query: { now: Date; limit: number; articleId?: ArticleId }): Promise<FeedComment[]>;
}

/** An approved comment as a feed shows it: no email, IP or reasons; with its article's title and address. */
export interface FeedComment {
  readonly id: CommentId;
  readonly authorName: string;
  readonly bodyHtml: TrustedHtml;
  readonly createdAt: Date;
  readonly editedAt: Date | null;
  readonly article: Pick<Article, 'id' | 'slug' | 'title' | 'publishedAt'>;
}
