// What happened, told after commit to whoever listens (page cache, later mail and live updates).

import type { ArticleId, CommentId } from './ids.ts';
import type { CommentStatus } from './comment.ts';

export type DomainEvent =
  | { readonly type: 'article.saved'; readonly articleId: ArticleId }
  | { readonly type: 'settings.saved' }
  | { readonly type: 'comment.changed'; readonly articleId: ArticleId; readonly commentId: CommentId }
  /** Several comments of one article changed at once (a commenter's data erased). */
  | { readonly type: 'comments.erased'; readonly articleId: ArticleId }
  /** A reader's reaction counted or taken back: only that article's pages show it. */
  | { readonly type: 'reaction.toggled'; readonly articleId: ArticleId; readonly commentId: CommentId }
  | { readonly type: 'comment.created'; readonly articleId: ArticleId; readonly commentId: CommentId; readonly status: CommentStatus }
  | { readonly type: 'comment.status_changed'; readonly articleId: ArticleId; readonly commentId: CommentId; readonly from: CommentStatus; readonly to: CommentStatus };

export interface EventSink {
  emit(event: DomainEvent): void;
}
