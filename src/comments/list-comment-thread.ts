// An article's approved comments for programs (the JSON API, later the embed): top-level
// comments a page at a time by cursor, each with all its replies in the order the article page
// shows them. Public fields only. A cursor names the last top-level comment of a page by its
// creation time and id, so a page does not shift when comments are approved or removed meanwhile.

import type { Article } from '../domain/article.ts';
import type { Comment, CommentOutline, PublicComment } from '../domain/comment.ts';
import { AppError } from '../domain/errors.ts';
import { buildThread, threadIds, type ThreadNode } from '../domain/thread.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { CommentStore } from './comment-store.ts';
import { toPublicComment } from './public-comment.ts';

export interface ListCommentThreadDeps {
  readonly comments: Pick<CommentStore, 'listOutline' | 'findByIds'>;
  readonly settings: SettingsStore;
  readonly keyedHash: KeyedHash;
}

/** A comment with its place in the thread (1 = top level; replies past the site's depth stay at it). */
export type ThreadedComment = PublicComment & { readonly depth: number };

export interface ThreadPage {
  /** Top-level comments, oldest first, each with its replies (depth-first, oldest first). */
  readonly comments: readonly (ThreadedComment & { readonly replies: readonly ThreadedComment[] })[];
  readonly approvedCount: number;
  readonly threadDepth: number;
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export function createListCommentThread(deps: ListCommentThreadDeps) {
  return async function listCommentThread(article: Article, query: { limit: number; after?: string }): Promise<ThreadPage> {
    const after = query.after === undefined ? null : readCursor(query.after);
    // The thread's shape from outlines; the text only of the page's comments (see list-discussion.ts).
    const [settings, outline] = await Promise.all([deps.settings.discussion(), deps.comments.listOutline({ articleId: article.id, statuses: ['approved'] })]);
    const roots = buildThread(outline, settings.threadDepth);
    const start = after === null ? 0 : roots.findIndex((node) => isAfter(node.comment, after));
    const shown = start < 0 ? [] : roots.slice(start, start + query.limit);
    const more = start >= 0 && start + query.limit < roots.length;
    const last = shown.at(-1)?.comment;
    // A comment moderated away between the two reads is left out.
    const full = new Map((await deps.comments.findByIds(threadIds(shown))).filter((c) => c.status === 'approved').map((c) => [c.id, c]));
    const threaded = (node: ThreadNode<CommentOutline>): ThreadedComment[] => {
      const c = full.get(node.comment.id);
      return c ? [{ ...toPublicComment(c, deps.keyedHash), depth: node.depth }] : [];
    };
    const flatten = (node: ThreadNode<CommentOutline>): ThreadedComment[] => [...threaded(node), ...node.replies.flatMap(flatten)];
    return {
      comments: shown.flatMap((node) => threaded(node).map((c) => ({ ...c, replies: node.replies.flatMap(flatten) }))),
      approvedCount: outline.length,
      threadDepth: settings.threadDepth,
      nextCursor: more && last ? writeCursor(last) : null,
    };
  };
}

export type ListCommentThread = ReturnType<typeof createListCommentThread>;

interface Cursor {
  readonly at: number;
  readonly id: number;
}

const writeCursor = (c: Pick<Comment, 'createdAt' | 'id'>): string => Buffer.from(`${c.createdAt.getTime()}.${c.id}`).toString('base64url');

/** The cursor's position, or `request_invalid` (on field `after`) when it is not one of ours. */
function readCursor(raw: string): Cursor {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(raw, 'base64url').toString('latin1'));
  if (!m) throw new AppError('request_invalid', { field: 'after', message: 'after is not a cursor this API gave' });
  return { at: Number(m[1]), id: Number(m[2]) };
}

/** The thread's roots are in (created_at, id) order, the order listForArticle reads them in. */
function isAfter(c: Pick<Comment, 'createdAt' | 'id'>, cursor: Cursor): boolean {
  const at = c.createdAt.getTime();
  return at > cursor.at || (at === cursor.at && c.id > cursor.id);
}
