/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The links under a comment besides Reply: Edit and Delete for its author while the edit window
// is open (a personal page only), and Report for everyone else. Plain links to small form pages,
// so they work without JavaScript.

import type { PublicComment } from '../domain/comment.ts';
import type { SiteView } from './site.ts';

export function CommentActions({ site, comment, own }: { site: SiteView; comment: PublicComment; own: boolean }) {
  const m = site.messages.commentActions;
  if (own) {
    return (
      <>
        <a class="comment-edit-link" rel="nofollow" href={`/comments/${comment.id}/edit`} aria-label={m.editLabel}>
          {m.edit}
        </a>{' '}
        <a class="comment-delete-link" rel="nofollow" href={`/comments/${comment.id}/delete`} aria-label={m.deleteLabel}>
          {m.delete}
        </a>
      </>
    );
  }
  if (comment.status !== 'approved') return null;
  return (
    <a class="comment-report-link" rel="nofollow" href={`/comments/${comment.id}/report`} aria-label={m.reportLabel(comment.authorName)}>
      {m.report}
    </a>
  );
}
