// How a reader asks to see a discussion: the order of top-level comments (`?csort=`), the page
// of top-level comments (`?cpage=`) and one long thread shown whole (`?expand=`). Replies always
// stay oldest first under their parent. Pure: parsing, ordering, folding and links.

import { countThread, type ThreadNode, type Threadable } from './thread.ts';

/** `?csort=`: oldest (the default, never written in links), newest, reactions (most reacted), replies (most replies). */
export type CommentSort = 'oldest' | 'newest' | 'reactions' | 'replies';
export const commentSorts: readonly CommentSort[] = ['oldest', 'newest', 'reactions', 'replies'];

/** Replies shown under a top-level comment; past this many the rest are folded behind "show N more replies". */
export const repliesShownPerThread = 5;

export interface DiscussionView {
  readonly sort: CommentSort;
  /** 1-based page of top-level comments. */
  readonly page: number;
  /** A top-level comment whose folded replies are all shown, or null. */
  readonly expand: number | null;
}

export const defaultDiscussionView: DiscussionView = { sort: 'oldest', page: 1, expand: null };

/** A known sort, or the default for anything else (a missing or unknown `csort`). */
export function parseCommentSort(raw: unknown): CommentSort {
  return commentSorts.find((s) => s === raw) ?? 'oldest';
}

/** The query string of a view (`?csort=…&cpage=…&expand=…`, defaults left out), or '' for the default view. */
export function discussionQuery(view: DiscussionView): string {
  const parts: string[] = [];
  if (view.sort !== 'oldest') parts.push(`csort=${view.sort}`);
  if (view.page > 1) parts.push(`cpage=${view.page}`);
  if (view.expand !== null) parts.push(`expand=${view.expand}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** What ordering needs of a comment besides its place in the thread. */
export interface Reactable extends Threadable {
  readonly reactionCount?: number;
}

/**
 * Top-level comments in the reader's order, from roots given oldest first. Ties keep the oldest
 * first (the sort is stable), so every order is total and pages never overlap.
 */
export function orderTopLevel<C extends Reactable>(roots: readonly ThreadNode<C>[], sort: CommentSort): ThreadNode<C>[] {
  if (sort === 'oldest') return [...roots];
  if (sort === 'newest') return [...roots].reverse();
  const score = sort === 'reactions' ? (n: ThreadNode<C>) => n.comment.reactionCount ?? 0 : (n: ThreadNode<C>) => countThread(n.replies);
  const scored = roots.map((node) => ({ node, score: score(node) }));
  scored.sort((a, b) => b.score - a.score);
  return scored.map((s) => s.node);
}

/**
 * The replies of a top-level comment that are folded away: those after the first
 * `repliesShownPerThread` in reading order (depth first), when there are more than that.
 * Returns their ids (empty when nothing is folded).
 */
export function foldedReplies(root: ThreadNode<Threadable>): Set<number> {
  const folded = new Set<number>();
  if (countThread(root.replies) <= repliesShownPerThread) return folded;
  let seen = 0;
  const walk = (nodes: readonly ThreadNode<Threadable>[]) => {
    for (const node of nodes) {
      seen += 1;
      if (seen > repliesShownPerThread) folded.add(node.comment.id);
      walk(node.replies);
    }
  };
  walk(root.replies);
  return folded;
}

/** An editors' pick as the Featured strip shows it, with where it sits in the reader's order. */
export interface FeaturedPlace<C> {
  readonly comment: C;
  /** The page of top-level comments it is on, in the current order. */
  readonly page: number;
  /** Its top-level comment (itself when it is one). */
  readonly rootId: number;
  /** Folded behind "show N more replies" unless its thread is expanded. */
  readonly folded: boolean;
}

/** Where the Featured strip's link to a comment leads: the same page when it is shown there, else the page (and expanded thread) it is on. */
export function featuredHref(place: FeaturedPlace<{ readonly id: number }>, view: DiscussionView): string {
  const expand = place.folded ? place.rootId : null;
  const shownHere = place.page === view.page && (expand === null || view.expand === expand);
  return shownHere ? `#comment-${place.comment.id}` : `${discussionQuery({ sort: view.sort, page: place.page, expand })}#comment-${place.comment.id}`;
}
