// A reader presses a comment's reaction button: their reaction is counted, or taken back if it
// already was (a toggle). Readers have no accounts: a reader is a keyed hash of their address
// and user agent, and one address may add at most `reactionsPerAddressPerHour` reactions.
// Only approved comments of public articles take reactions. After commit, an event lets the
// page cache drop that article's pages (every sort and page of them).

import { isPublic, type Article } from '../domain/article.ts';
import type { Comment } from '../domain/comment.ts';
import { AppError } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { CommentId } from '../domain/ids.ts';
import { reactionAddress, reactionsPerAddressPerHour, type ReactionResult } from '../domain/reaction.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { Transact } from '../lib/transact.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { CommentStore } from './comment-store.ts';
import type { ReactionStore } from './reaction-store.ts';

export interface ReactToCommentDeps {
  readonly transact: Transact<{ comments: CommentStore; articles: ArticleStore; reactions: ReactionStore }>;
  readonly keyedHash: KeyedHash;
  readonly events: EventSink;
  readonly clock: Clock;
}

export interface ReactionInput {
  readonly commentId: CommentId;
  readonly ip: string;
  readonly userAgent: string;
}

export interface ReactionOutcome extends ReactionResult {
  readonly comment: Comment;
  readonly article: Article;
}

const hourMs = 3_600_000;

export function createReactToComment(deps: ReactToCommentDeps) {
  return async function reactToComment(input: ReactionInput): Promise<ReactionOutcome> {
    const now = deps.clock.now();
    const address = reactionAddress(input.ip);
    const readerKey = deps.keyedHash.hash('reaction-reader', `${address}\n${input.userAgent}`);
    const networkKey = deps.keyedHash.hash('reaction-address', address);
    const outcome = await deps.transact(async ({ comments, articles, reactions }) => {
      const comment = await comments.findById(input.commentId);
      const article = comment?.status === 'approved' ? await articles.findById(comment.articleId) : undefined;
      if (!comment || !article || !isPublic(article, now)) throw new AppError('comment_not_found');
      if (await reactions.has({ commentId: comment.id, readerKey })) {
        return { comment, article, reacted: false, count: await reactions.remove({ commentId: comment.id, readerKey }) };
      }
      if ((await reactions.countAddedSince({ networkKey, since: new Date(now.getTime() - hourMs) })) >= reactionsPerAddressPerHour) {
        throw new AppError('reaction_rate_limited');
      }
      return { comment, article, reacted: true, count: await reactions.add({ commentId: comment.id, readerKey, networkKey, at: now }) };
    });
    deps.events.emit({ type: 'reaction.toggled', articleId: outcome.article.id, commentId: outcome.comment.id });
    return outcome;
  };
}

export type ReactToComment = ReturnType<typeof createReactToComment>;
