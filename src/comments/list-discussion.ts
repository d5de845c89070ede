// What an article page shows of its discussion: approved comments as a thread, plus the
// reader's own held comments when they hold a valid token for them. Public fields only.

import type { Article } from '../domain/article.ts';
import { toPublicComment } from './public-comment.ts';
import type { Comment, CommentOutline, PublicComment } from '../domain/comment.ts';
import type { Discussion } from '../domain/discussion.ts';
import type { CommentId } from '../domain/ids.ts';
import { buildThread, threadIds, type ThreadNode } from '../domain/thread.ts';
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
    // The thread's shape comes from outlines of every comment (ids, parents, statuses, counts);
    // the full rows only for the page shown: a 10,000-comment article reads one page of text.
    const [settings, outline] = await Promise.all([
      deps.settings.discussion(),
      deps.comments.listOutline({ articleId: article.id, statuses: ['approved'], alsoIds: ownPendingIds }),
    ]);
    // Through a token its author sees a held comment as awaiting moderation, and a spammed one
    // the same way (spam is silent: a spammer learns nothing). A trashed one is gone.
    const visible = outline.filter((c) => c.status !== 'trash');
    const whole = orderTopLevel(buildThread(visible, settings.threadDepth), sort);
    const perPage = settings.pageComments ? Math.max(1, settings.commentsPerPage) : Math.max(1, whole.length);
    const pageCount = Math.max(1, Math.ceil(whole.length / perPage));
    const shown = settings.pageComments ? whole.slice((page - 1) * perPage, page * perPage) : whole;
    // Walking the whole tree for picks costs milliseconds on a long thread: only when there are any.
    const featured = visible.some((c) => c.featuredAt !== null && c.status === 'approved') ? featuredPlaces(whole, perPage) : [];
    const full = await readShown(shown, featured, new Set(ownPendingIds));
    let topLevelPage: Map<number, number> | undefined;
    // Only the comments shown are made public (the avatar hash is the costly part on a long thread).
    const publicComment = (c: Comment): PublicComment => toPublicComment(c, deps.keyedHash, article.authorStaffId ?? null);
    // A comment whose row changed between the two reads (trashed a moment ago) is left out.
    const toPublic = (nodes: readonly ThreadNode<CommentOutline>[]): ThreadNode<PublicComment>[] =>
      nodes.flatMap((node) => {
        const c = full.get(node.comment.id);
        return c ? [{ depth: node.depth, replies: toPublic(node.replies), comment: publicComment(c) }] : [];
      });
    return {
      thread: toPublic(shown),
      approvedCount: visible.filter((c) => c.status === 'approved').length,
      threadDepth: settings.threadDepth,
      page,
      pageCount,
      sort,
      featured: featured.flatMap(({ id, ...place }) => {
        const c = full.get(id);
        return c ? [{ ...place, comment: publicComment(c) }] : [];
      }),
      pageOf(id) {
        if (!topLevelPage) {
          topLevelPage = new Map();
          const walk = (node: ThreadNode<CommentOutline>, p: number) => {
            topLevelPage!.set(node.comment.id, p);
            for (const reply of node.replies) walk(reply, p);
          };
          whole.forEach((node, i) => walk(node, Math.floor(i / perPage) + 1));
        }
        return topLevelPage.get(id) ?? null;
      },
    };
  };

  /** The full rows of the shown comments and the featured ones, still listed (approved, or the reader's own and not trashed). */
  async function readShown(shown: readonly ThreadNode<CommentOutline>[], featured: readonly { id: CommentId }[], ownPending: ReadonlySet<number>): Promise<Map<number, Comment>> {
    const rows = await deps.comments.findByIds([...new Set([...featured.map((f) => f.id), ...threadIds(shown)])]);
    return new Map(rows.filter((c) => c.status === 'approved' || (ownPending.has(c.id) && c.status !== 'trash')).map((c) => [c.id, c]));
  }
}

export type ListDiscussion = ReturnType<typeof createListDiscussion>;

/** The approved editors' picks of an ordered thread, latest pick first, each with its page, its top-level comment and whether it is folded there. */
function featuredPlaces(whole: readonly ThreadNode<CommentOutline>[], perPage: number): (Omit<FeaturedPlace<PublicComment>, 'comment'> & { id: CommentId })[] {
  const places: (Omit<FeaturedPlace<PublicComment>, 'comment'> & { id: CommentId; at: number })[] = [];
  whole.forEach((root, i) => {
    let folded: Set<number> | undefined;
    const visit = (node: ThreadNode<CommentOutline>) => {
      const c = node.comment;
      if (c.featuredAt !== null && c.status === 'approved') {
        folded ??= foldedReplies(root);
        places.push({ id: c.id, page: Math.floor(i / perPage) + 1, rootId: root.comment.id, folded: folded.has(c.id), at: c.featuredAt.getTime() });
      }
      node.replies.forEach(visit);
    };
    visit(root);
  });
  return places.sort((a, b) => b.at - a.at).map(({ at: _at, ...place }) => place);
}
