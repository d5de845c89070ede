/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The pages a commenter edits or deletes their own comment on (/comments/:id/edit and
// /comments/:id/delete), and the page that refuses a change with their text kept. Plain forms:
// they work without JavaScript.

import type { TrustedHtml } from '../domain/trusted-html.ts';
import { Layout } from './layout.tsx';
import { RawHtml } from './raw-html.tsx';
import { formatDate, type SiteView } from './site.ts';

export interface OwnCommentView {
  readonly id: number;
  /** The article's address, to go back to the comment. */
  readonly articlePath: string;
  readonly bodyHtml: TrustedHtml;
  readonly editableUntil: Date;
}

interface ErrorMessage {
  readonly field: string | null;
  readonly message: string;
}

function Errors({ errors }: { errors: readonly ErrorMessage[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" id="form-errors" tabIndex={-1}>
      {errors.map((e) => (
        <p>{e.message}</p>
      ))}
    </div>
  );
}

export function EditOwnCommentPage({ site, comment, text, token, errors }: { site: SiteView; comment: OwnCommentView; text: string; token: string; errors: readonly ErrorMessage[] }) {
  const m = site.messages;
  const a = m.commentActions;
  const invalid = errors.some((e) => e.field === 'comment');
  return (
    <Layout site={site} title={`${a.editTitle} — ${site.name}`} noindex>
      <div class="own-comment-page">
        <h1>{a.editTitle}</h1>
        <p>{a.editIntro(formatDate(site, comment.editableUntil))}</p>
        <Errors errors={errors} />
        <form method="post" action={`/comments/${comment.id}/edit`} class="comment-form" id="respond">
          <input type="hidden" name="dateline_form" value={token} />
          <p>
            <label for="comment">
              {m.labelComment} <span aria-hidden="true">*</span>
            </label>
            <textarea id="comment" name="comment" rows={8} required aria-required="true" aria-invalid={invalid ? 'true' : undefined} aria-describedby="comment-help">
              {text}
            </textarea>
            <span class="field-help" id="comment-help">
              {m.formattingHelp}
            </span>
          </p>
          <p class="form-submit">
            <button type="submit" class="submit">
              {a.saveEdit}
            </button>{' '}
            <a href={`${comment.articlePath}#comment-${comment.id}`}>{a.backToComment}</a>{' '}
            <a href={`/comments/${comment.id}/delete`}>{a.delete}</a>
          </p>
        </form>
      </div>
    </Layout>
  );
}

export function DeleteOwnCommentPage({ site, comment, token }: { site: SiteView; comment: OwnCommentView; token: string }) {
  const a = site.messages.commentActions;
  return (
    <Layout site={site} title={`${a.deleteTitle} — ${site.name}`} noindex>
      <div class="own-comment-page">
        <h1>{a.deleteTitle}</h1>
        <RawHtml class="comment-body" html={comment.bodyHtml} />
        <p>{a.deleteIntro}</p>
        <form method="post" action={`/comments/${comment.id}/delete`}>
          <input type="hidden" name="dateline_form" value={token} />
          <p class="form-submit">
            <button type="submit" class="submit">
              {a.deleteButton}
            </button>{' '}
            <a href={`${comment.articlePath}#comment-${comment.id}`}>{a.backToComment}</a>
          </p>
        </form>
      </div>
    </Layout>
  );
}

/** A refused edit or deletion: why, the reader's text kept, and the way back. */
export function OwnCommentRefusedPage({ site, message, keptText, articlePath }: { site: SiteView; message: string; keptText: string; articlePath: string | null }) {
  const a = site.messages.commentActions;
  return (
    <Layout site={site} title={`${a.refusedTitle} — ${site.name}`} noindex>
      <div class="error-page own-comment-page">
        <h1>{a.refusedTitle}</h1>
        <p role="alert">{message}</p>
        {keptText ? (
          <div class="kept-comment">
            <label for="kept-comment">{a.textKept}</label>
            <textarea id="kept-comment" readOnly rows={8}>
              {keptText}
            </textarea>
          </div>
        ) : null}
        <p>
          <a href={articlePath ? `${articlePath}#comments` : '/'}>{articlePath ? a.backToArticle : site.messages.backToFront}</a>
        </p>
      </div>
    </Layout>
  );
}
