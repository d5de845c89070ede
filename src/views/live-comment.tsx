/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// One comment as live updates send it to an open article page: the same item the thread
// renders (comment-thread.tsx), escaped the same way. The page's script nests it.

import { render } from 'preact-render-to-string';
import type { PublicComment } from '../domain/comment.ts';
import { CommentItem } from './comment-thread.tsx';
import type { SiteView } from './site.ts';

/** The `<li>` of a comment; the page fixes its depth and drops Reply when comments are closed. */
export function renderLiveComment(site: SiteView, comment: PublicComment): string {
  return render(<CommentItem site={site} node={{ comment, depth: 1, replies: [] }} canReply={true} />);
}
