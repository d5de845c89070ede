/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The discussion under an article: nested replies to the site's depth. Bodies render only
// as TrustedHtml; names, URLs and everything else are escaped by JSX.

import type { PublicComment } from '../domain/comment.ts';
import type { ThreadNode } from '../domain/thread.ts';
import { Avatar } from './avatar.tsx';
import { RawHtml } from './raw-html.tsx';
import { CommentActions } from './comment-actions.tsx';
import { MoreReplies, ReactionButton, type ThreadView } from './discussion-controls.tsx';
import { formatDate, type SiteView } from './site.ts';

export interface CommentThreadProps {
  readonly site: SiteView;
  readonly thread: readonly ThreadNode<PublicComment>[];
  readonly canReply: boolean;
  /** The reader's own comments still in their edit window (a personal page): Edit and Delete links. */
  readonly editable?: ReadonlySet<number>;
  /** Reaction buttons and folded long threads (discussion-controls.tsx); absent = neither. */
  readonly view?: ThreadView;
}

export function CommentThread({ site, thread, canReply, editable, view }: CommentThreadProps) {
  return (
    <ol class="comment-list">
      {thread.map((node) => (
        <CommentItem site={site} node={node} canReply={canReply} editable={editable} view={view} />
      ))}
    </ol>
  );
}

/** One comment and its replies (live updates render a new comment alone with it). */
export function CommentItem({ site, node, canReply, editable, view }: { site: SiteView; node: ThreadNode<PublicComment>; canReply: boolean; editable?: ReadonlySet<number>; view?: ThreadView }) {
  const m = site.messages;
  const c = node.comment;
  const pending = c.status !== 'approved';
  return (
    <li id={`comment-${c.id}`} class={`comment depth-${node.depth}${pending ? ' comment-pending' : ''}`} hidden={view?.folded.has(c.id) || undefined}>
      <article class="comment-card" aria-labelledby={`comment-${c.id}-author`}>
        <header class="comment-meta">
          <Avatar avatarKey={c.avatarKey} />
          <span class="comment-author" id={`comment-${c.id}-author`}>
            {c.authorUrl && !pending ? (
              <a href={c.authorUrl} rel="nofollow ugc">
                {c.authorName}
              </a>
            ) : (
              c.authorName
            )}
          </span>
          {c.byStaff && c.byArticleAuthor ? <span class="badge badge-author">{m.authorBadge}</span> : c.byStaff ? <span class="badge">{m.staffBadge}</span> : null}
          {c.featured ? <span class="badge badge-pick">{m.featuredBadge}</span> : null}
          {/* The visible date starts the link's name (a label replacing it would hide what sighted readers see). */}
          <a class="comment-permalink" href={`#comment-${c.id}`}>
            <time dateTime={c.createdAt.toISOString()}>{formatDate(site, c.createdAt)}</time>
            <span class="visually-hidden"> · {m.permalinkTo(c.authorName)}</span>
          </a>
          {c.edited ? (
            <span class="comment-edited">
              {c.editedAt ? (
                <>
                  ({m.commentActions.editedOn} <time dateTime={c.editedAt.toISOString()}>{formatDate(site, c.editedAt)}</time>)
                </>
              ) : (
                m.edited
              )}
            </span>
          ) : null}
        </header>
        {pending ? <p class="comment-awaiting-moderation">{m.awaitingModeration}</p> : null}
        <RawHtml class="comment-body" html={c.bodyHtml} />
        {!pending || editable?.has(c.id) ? (
          <footer class="comment-actions">
            {canReply && !pending ? (
              <a
                class="comment-reply-link"
                rel="nofollow"
                href={`?replytocom=${c.id}#respond`}
                data-comment-id={String(c.id)}
                data-author={c.authorName}
                aria-label={m.replyTo(c.authorName)}
              >
                {m.reply}
              </a>
            ) : null}{' '}
            <CommentActions site={site} comment={c} own={editable?.has(c.id) ?? false} />
            {view && !pending ? <ReactionButton site={site} comment={c} view={view} /> : null}
          </footer>
        ) : null}
      </article>
      {node.replies.length > 0 ? (
        <ol class="children">
          {node.replies.map((child) => (
            <CommentItem site={site} node={child} canReply={canReply} editable={editable} view={view} />
          ))}
        </ol>
      ) : null}
      {view?.moreReplies.has(c.id) ? <MoreReplies site={site} rootId={c.id} more={view.moreReplies.get(c.id)!} /> : null}
    </li>
  );
}
