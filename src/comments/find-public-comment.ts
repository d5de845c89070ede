// One comment as the public may see it: approved, on a public article; anything else is
// `comment_not_found` (a held comment stays unseen until a moderator approves it).

import { isPublic, type Article } from '../domain/article.ts';
import type { PublicComment } from '../domain/comment.ts';
import { AppError } from '../domain/errors.ts';
import type { CommentId } from '../domain/ids.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { CommentStore } from './comment-store.ts';
import { toPublicComment } from './public-comment.ts';

export interface FindPublicCommentDeps {
  readonly comments: Pick<CommentStore, 'findById'>;
  readonly articles: Pick<ArticleStore, 'findById'>;
  readonly keyedHash: KeyedHash;
  readonly clock: Clock;
}

export function createFindPublicComment(deps: FindPublicCommentDeps) {
  return async function findPublicComment(id: CommentId): Promise<{ comment: PublicComment; article: Article }> {
    const comment = await deps.comments.findById(id);
    const article = comment?.status === 'approved' ? await deps.articles.findById(comment.articleId) : undefined;
    if (!comment || !article || !isPublic(article, deps.clock.now())) throw new AppError('comment_not_found');
    return { comment: toPublicComment(comment, deps.keyedHash), article };
  };
}

export type FindPublicComment = ReturnType<typeof createFindPublicComment>;
