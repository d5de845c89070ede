// The storage imports and exports need beyond the article, comment and staff stores: which
// source item became which row, replies waiting for their parent, old addresses, and reading
// the whole site in pages for an export. Implemented by storage/sql-import-store.ts.

import type { ArticleStatus } from '../domain/article.ts';
import type { CommentKind, CommentStatus } from '../domain/comment.ts';
import type { ArticleId, CommentId } from '../domain/ids.ts';
import type { Role } from '../domain/staff.ts';

/** What a source item is: `wxr.post`, `wxr.comment`, `disqus.thread`, `json.article`… */
export type SourceKind = `${'wxr' | 'disqus' | 'json'}.${'post' | 'comment' | 'author' | 'thread' | 'article' | 'staff'}`;

export interface SourceLink {
  readonly kind: SourceKind;
  readonly sourceId: string;
  readonly targetId: number;
}

export interface ImportStore {
  /** The rows these source ids became, for those already imported. */
  findTargets(kind: SourceKind, sourceIds: readonly string[]): Promise<Map<string, number>>;
  remember(links: readonly SourceLink[]): Promise<void>;
  /** Notes replies whose parent (`kind`, `parentSourceId`) has not been imported yet. */
  deferParents(replies: readonly { commentId: CommentId; kind: SourceKind; parentSourceId: string }[]): Promise<void>;
  /**
   * Links every deferred reply to its parent now, then makes top-level any comment written after
   * `writtenAfter` whose parent is on another article or whose parents loop back to it; returns
   * how many replies that left without a parent.
   */
  resolveDeferredParents(writtenAfter: number): Promise<number>;
  /** Adds an old address of an article; false when the address was taken already (it is left as it is). */
  addOldUrl(query: { path: string; articleId: ArticleId }): Promise<boolean>;
  /** The article an old address (oldUrlKey) leads to, whatever its status. */
  articleAtOldUrl(path: string): Promise<ArticleId | undefined>;
  /** The highest comment id so far (0 on an empty site): rows above it were created by this import. */
  highestCommentId(): Promise<number>;
  /** A slug no article has yet: `base`, else `base-2`, `base-3`… */
  freeSlug(base: string): Promise<string>;
}

/** An article as exports write it: every field, with its byline's login and its tags. */
export interface ExportArticle {
  readonly id: ArticleId;
  readonly slug: string;
  readonly title: string;
  readonly section: string | null;
  readonly summary: string | null;
  readonly bodyMarkdown: string;
  readonly bodyHtml: string;
  readonly status: ArticleStatus;
  readonly commentsOpen: boolean;
  readonly publishedAt: Date;
  readonly updatedAt: Date;
  readonly authorStaffId: number | null;
  readonly tags: readonly string[];
}

/** A comment as exports write it: staff tools, so with email and IP. */
export interface ExportComment {
  readonly id: CommentId;
  readonly articleId: ArticleId;
  readonly parentId: CommentId | null;
  readonly kind: CommentKind;
  readonly status: CommentStatus;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string | null;
  readonly ip: string;
  readonly userAgent: string;
  readonly bodyText: string;
  readonly bodyHtml: string;
  readonly createdAt: Date;
  readonly featuredAt: Date | null;
  readonly editedAt: Date | null;
}

export interface ExportStaff {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

/** Reads the whole site in id order, a page at a time, so an export never holds it all. */
export interface ExportSource {
  staff(): Promise<ExportStaff[]>;
  articles(query: { afterId: number; limit: number }): Promise<ExportArticle[]>;
  /** Comments of one article (id order), or of the whole site when articleId is absent. */
  comments(query: { articleId?: ArticleId; afterId: number; limit: number }): Promise<ExportComment[]>;
}

/** What the old-address redirects read: the public article stored under the first of these keys. */
export interface OldUrlLookup {
  publicArticleAt(query: { paths: readonly string[]; now: Date }): Promise<{ slug: string; publishedAt: Date } | undefined>;
}
