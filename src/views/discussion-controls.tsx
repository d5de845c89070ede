/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// What a reader uses to find their way in a discussion besides the thread itself: the
// Featured strip (editors' picks), sort links, links between pages that keep the sort, the
// reaction button under a comment and the "show N more replies" link of a long thread. Every
// control is a plain link or form, so all of it works without JavaScript; dateline.js makes
// the reaction button update in place and unfolds replies without a request.

import type { PublicComment } from '../domain/comment.ts';
import { commentSorts, discussionQuery, featuredHref, foldedReplies, type DiscussionView, type FeaturedPlace } from '../domain/discussion-view.ts';
import type { ThreadNode } from '../domain/thread.ts';
import { Avatar } from './avatar.tsx';
import { RawHtml } from './raw-html.tsx';
import { formatDate, type SiteView } from './site.ts';

/** What the thread shows besides the comments; absent (a comment sent live) = no reaction button, nothing folded. */
export interface ThreadView {
  /** The reaction button's label (the reactionLabel setting). */
  readonly reactionLabel: string;
  /** The page's own query (`?csort=…`), so a reaction without JavaScript comes back to the same view. */
  readonly query: string;
  /** Replies hidden behind "show N more replies" on this page. */
  readonly folded: ReadonlySet<number>;
  /** Per top-level comment with folded replies: how many, and the page with its thread expanded. */
  readonly moreReplies: ReadonlyMap<number, { readonly count: number; readonly href: string; readonly firstId: number }>;
}

/** The thread view of a page: which replies fold (all of the expanded thread's show), and the links that unfold them. */
export function threadViewFor(thread: readonly ThreadNode<PublicComment>[], view: DiscussionView, reactionLabel: string): ThreadView {
  const folded = new Set<number>();
  const moreReplies = new Map<number, { count: number; href: string; firstId: number }>();
  for (const root of thread) {
    if (view.expand === root.comment.id) continue;
    const hidden = foldedReplies(root);
    if (hidden.size === 0) continue;
    const firstId = hidden.values().next().value!;
    for (const id of hidden) folded.add(id);
    moreReplies.set(root.comment.id, { count: hidden.size, firstId, href: `${discussionQuery({ ...view, expand: root.comment.id })}#comment-${firstId}` });
  }
  return { reactionLabel, query: discussionQuery(view), folded, moreReplies };
}

/** The reaction button: a form that posts without JavaScript (303 back to the comment) and is sent by fetch with it. */
export function ReactionButton({ site, comment, view }: { site: SiteView; comment: PublicComment; view: ThreadView }) {
  const m = site.messages;
  return (
    <form class="reaction-form" method="post" action={`/comments/${comment.id}/reaction`}>
      {view.query ? <input type="hidden" name="back" value={view.query} /> : null}
      <button type="submit" class="reaction-button">
        <span class="reaction-label">{view.reactionLabel}</span> <span class="reaction-count">{m.reactionCount(comment.reactionCount ?? 0)}</span>
        <span class="visually-hidden">{m.reactionOf(comment.authorName)}</span>
      </button>
    </form>
  );
}

/** Under a long thread: the link to the page with it expanded; the script unfolds it in place instead. */
export function MoreReplies({ site, rootId, more }: { site: SiteView; rootId: number; more: NonNullable<ReturnType<ThreadView['moreReplies']['get']>> }) {
  return (
    <p class="more-replies">
      <a href={more.href} data-expand={String(rootId)} data-first={String(more.firstId)}>
        {site.messages.moreReplies(more.count)}
      </a>
    </p>
  );
}

/** Editors' picks above the thread, each linking to its place in it. Ids here are prefixed, so the thread's own stay unique. */
export function FeaturedStrip({ site, featured, view }: { site: SiteView; featured: readonly FeaturedPlace<PublicComment>[]; view: DiscussionView }) {
  if (featured.length === 0) return null;
  const m = site.messages;
  return (
    <section class="featured-comments" aria-labelledby="featured-title">
      <h3 id="featured-title">{m.featuredTitle}</h3>
      <ol class="featured-list">
        {featured.map((place) => {
          const c = place.comment;
          return (
            <li class="featured-comment">
              <p class="comment-meta">
                <Avatar avatarKey={c.avatarKey} />
                <span class="comment-author">{c.authorName}</span>
                {c.byStaff ? <span class="badge">{c.byArticleAuthor ? m.authorBadge : m.staffBadge}</span> : null}
                <time dateTime={c.createdAt.toISOString()}>{formatDate(site, c.createdAt)}</time>
              </p>
              <RawHtml class="comment-body" html={c.bodyHtml} />
              <p>
                <a class="featured-goto" href={featuredHref(place, view)}>
                  {m.featuredGoTo(c.authorName)}
                </a>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Sort links: the current order is marked, the others are plain links to the first page in that order. */
export function CommentSortNav({ site, path, view }: { site: SiteView; path: string; view: DiscussionView }) {
  const m = site.messages;
  return (
    <nav class="comment-sort" aria-label={m.sortLabel}>
      <ul>
        {commentSorts.map((sort) => (
          <li>
            {sort === view.sort ? (
              <span aria-current="true">{m.sortNames[sort]}</span>
            ) : (
              <a href={`${path}${discussionQuery({ sort, page: 1, expand: null })}#comments`} rel="nofollow">
                {m.sortNames[sort]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Links between pages of top-level comments (WordPress's page_comments), keeping the order: `?csort=…&cpage=N#comments`. */
export function CommentPages({ site, path, view, count }: { site: SiteView; path: string; view: DiscussionView; count: number }) {
  const m = site.messages;
  const href = (page: number) => `${path}${discussionQuery({ sort: view.sort, page, expand: null })}#comments`;
  const oldest = view.sort === 'oldest';
  return (
    <nav class="comment-pages" aria-label={m.commentPagesLabel}>
      {view.page > 1 ? (
        <a class="prev" href={href(view.page - 1)}>
          {oldest ? m.olderComments : m.previousComments}
        </a>
      ) : null}
      {Array.from({ length: count }, (_, i) => i + 1).map((n) => (n === view.page ? <span aria-current="page">{n}</span> : <a href={href(n)}>{n}</a>))}
      {view.page < count ? (
        <a class="next" href={href(view.page + 1)}>
          {oldest ? m.newerComments : m.nextComments}
        </a>
      ) : null}
    </nav>
  );
}
