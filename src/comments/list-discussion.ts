// What an article page shows of its discussion: approved comments as a thread, plus the
// reader's own held comments when they hold a valid token for them. Public fields only.

import type { Article } from '../domain/article.ts';
import { toPublicComment } from './public-comment.ts';
import type { Comment, PublicComment } from '../domain/comment.ts';
import type { Discussion } from '../domain/discussion.ts';
import type { CommentId } from '../domain/ids.ts';
import { buildThread, type ThreadNode } from '../domain/thread.ts';
import { foldedReplies, orderTopLevel, type CommentSort, type FeaturedPlace } from '../domain/discussion-view.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { CommentStore } from './comment-store.ts';

export interface ListDiscussionDeps {
  readonly comments: CommentStore;
  readonly settings: SettingsStore;
  readonly keyedHash: KeyedHash;
}

/** One page of the discussion (the whole of it when comment paging is off). */
export interface DiscussionPage extends Discussion {
  /** 1-based; the page asked for, which may lie past `pageCount` (the caller redirects). */
  readonly page: number;
  readonly pageCount: number;
  /** The page a comment of this listing is on (its top-level ancestor's page), or null if not listed. */
  pageOf(id: CommentId): number | null;
  /** The order of top-level comments (`?csort=`); pages are cut from it. */
  readonly sort: CommentSort;
  /** Editors' picks among the approved comments, latest pick first, each with its place in this order. */
  readonly featured: readonly FeaturedPlace<PublicComment>[];
}

export function createListDiscussion(deps: ListDiscussionDeps) {
  return async function listDiscussion(article: Article, ownPendingIds: readonly CommentId[] = [], page = 1, sort: CommentSort = 'oldest'): Promise<DiscussionPage> {
    const [settings, rows] = await Promise.all([
      deps.settings.discussion(),
      deps.comments.listForArticle({ articleId: article.id, statuses: ['approved'], alsoIds: ownPendingIds }),
    ]);
    // Through a token its author sees a held comment as awaiting moderation, and a spammed one
    // the same way (spam is silent: a spammer learns nothing). A trashed one is gone.
    const visible = rows.filter((c) => c.status !== 'trash');
    const whole = orderTopLevel(buildThread(visible, settings.threadDepth), sort);
    const perPage = settings.pageComments ? Math.max(1, settings.commentsPerPage) : Math.max(1, whole.length);
    const pageCount = Math.max(1, Math.ceil(whole.length / perPage));
    const shown = settings.pageComments ? whole.slice((page - 1) * perPage, page * perPage) : whole;
    let topLevelPage: Map<number, number> | undefined;
    // Only the comments shown are made public (the avatar hash is the costly part on a long thread).
    const toPublic = (node: ThreadNode<Comment>): ThreadNode<PublicComment> => ({ depth: node.depth, replies: node.replies.map(toPublic), comment: publicComment(node.comment) });
    const publicComment = (c: Comment): PublicComment => toPublicComment(c, deps.keyedHash, article.authorStaffId ?? null);
    return {
      thread: shown.map(toPublic),
      approvedCount: visible.filter((c) => c.status === 'approved').length,
      threadDepth: settings.threadDepth,
      page,
      pageCount,
      sort,
      featured: featuredPlaces(whole, perPage, publicComment),
      pageOf(id) {
        if (!topLevelPage) {
          topLevelPage = new Map();
          const walk = (node: ThreadNode<Comment>, p: number) => {
            topLevelPage!.set(node.comment.id, p);
            for (const reply of node.replies) walk(reply, p);
          };
          whole.forEach((node, i) => walk(node, Math.floor(i / perPage) + 1));
        }
        return topLevelPage.get(id) ?? null;
      },
    };
  };
}

export type ListDiscussion = ReturnType<typeof createListDiscussion>;

/** The approved editors' picks of an ordered thread, latest pick first, each with its page, its top-level comment and whether it is folded there. */
function featuredPlaces(whole: readonly ThreadNode<Comment>[], perPage: number, toPublic: (c: Comment) => PublicComment): FeaturedPlace<PublicComment>[] {
  const places: (FeaturedPlace<PublicComment> & { at: number })[] = [];
  whole.forEach((root, i) => {
    let folded: Set<number> | undefined;
    const visit = (node: ThreadNode<Comment>) => {
      const c = node.comment;
      if (c.featuredAt !== null && c.status === 'approved') {
        folded ??= foldedReplies(root);
        places.push({ comment: toPublic(c), page: Math.floor(i / perPage) + 1, rootId: root.comment.id, folded: folded.has(c.id), at: c.featuredAt.getTime() });
      }
      node.replies.forEach(visit);
    };
    visit(root);
  });
  return places.sort((a, b) => b.at - a.at).map(({ at: _at, ...place }) => place);
}
