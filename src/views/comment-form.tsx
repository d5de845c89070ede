/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The "Leave a Reply" form with WordPress's field names, an error summary that screen
// readers announce, each error beside its field, and every value the reader typed.

import type { ArticleId } from '../domain/ids.ts';
import type { SiteView } from './site.ts';

export interface CommentFormValues {
  readonly comment: string;
  readonly author: string;
  readonly email: string;
  readonly url: string;
  readonly consent: boolean;
  /** "Notify me of replies to my comment" (off unless ticked). */
  readonly notifyReplies: boolean;
  /** "Notify me of new comments on this article" (off unless ticked). */
  readonly notifyArticle: boolean;
}

export const emptyFormValues: CommentFormValues = { comment: '', author: '', email: '', url: '', consent: false, notifyReplies: false, notifyArticle: false };

export interface FormError {
  /** The form field's name, or null for an error about the whole comment. */
  readonly field: string | null;
  readonly message: string;
}

export interface CommentFormProps {
  readonly site: SiteView;
  readonly articleId: ArticleId;
  readonly action: string;
  readonly values: CommentFormValues;
  readonly errors: readonly FormError[];
  readonly replyTo: { readonly id: number; readonly authorName: string } | null;
  readonly cancelReplyHref: string;
  /** The signed form token (when the form was shown, for which article). */
  readonly formToken: string;
  /** Over a rate limit: the puzzle the browser solves (dateline.js), or moderation instead. */
  readonly challenge: { readonly token: string; readonly difficulty: number } | null;
  /** Shown on another site's page: the post comes back to the embed page (http/pages/comment-form.ts). */
  readonly embed?: boolean;
}

const fieldIds: Record<string, string> = { comment: 'comment', author: 'author', email: 'email', url: 'url', comment_parent: 'comment' };

export function CommentForm({ site, articleId, action, values, errors, replyTo, cancelReplyHref, formToken, challenge, embed }: CommentFormProps) {
  const m = site.messages;
  const errorFor = (field: string) => errors.find((e) => e.field === field);
  const star = (
    <span class="required" aria-hidden="true">
      *
    </span>
  );
  const describedBy = (field: string, extra?: string) => [extra, errorFor(field) ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: string) => {
    const e = errorFor(field);
    return e ? (
      // A span: each field sits in a <p> (WordPress's markup), and a <p> inside it would close it.
      <span class="field-error" id={`${field}-error`}>
        {e.message}
      </span>
    ) : null;
  };

  return (
    <div id="respond" class="comment-respond">
      <h2 id="reply-title" class="comment-reply-title" data-leave-reply={m.leaveReply} data-reply-to={`${m.leaveReplyTo} `}>
        {replyTo ? (
          <>
            {m.leaveReplyTo} <a href={`#comment-${replyTo.id}`}>{replyTo.authorName}</a>
          </>
        ) : (
          m.leaveReply
        )}{' '}
        <small>
          <a rel="nofollow" id="cancel-comment-reply-link" href={cancelReplyHref} hidden={!replyTo}>
            {m.cancelReply}
          </a>
        </small>
      </h2>
      <form action={action} method="post" id="commentform" class="comment-form" novalidate={errors.length > 0 ? true : undefined}>
        {errors.length > 0 ? (
          <div class="error-summary" role="alert" id="form-errors" tabIndex={-1}>
            <p class="error-summary-title">{m.errorSummaryTitle(errors.length)}</p>
            <ul>
              {errors.map((e) => (
                <li>{e.field && fieldIds[e.field] ? <a href={`#${fieldIds[e.field]}`}>{e.message}</a> : e.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p class="comment-notes">
          <span id="email-notes">{m.emailNotPublished}</span>{' '}
          <span class="required-field-message">
            {m.requiredMarked} <span class="required">*</span>
          </span>
        </p>
        <p class="comment-form-comment">
          <label for="comment">
            {m.labelComment} {star}
          </label>
          <textarea
            id="comment"
            name="comment"
            cols={45}
            rows={8}
            maxLength={65525}
            required
            aria-invalid={errorFor('comment') ? 'true' : undefined}
            aria-describedby={describedBy('comment', 'comment-help')}
          >
            {values.comment}
          </textarea>
          <span class="field-help" id="comment-help">
            {m.formattingHelp}
          </span>
          {fieldError('comment')}
        </p>
        <p class="comment-form-author">
          <label for="author">
            {m.labelName} {star}
          </label>
          <input
            id="author"
            name="author"
            type="text"
            value={values.author}
            size={30}
            maxLength={245}
            autoComplete="name"
            required
            aria-invalid={errorFor('author') ? 'true' : undefined}
            aria-describedby={describedBy('author')}
          />
          {fieldError('author')}
        </p>
        <p class="comment-form-email">
          <label for="email">
            {m.labelEmail} {star}
          </label>
          <input
            id="email"
            name="email"
            type="email"
            value={values.email}
            size={30}
            maxLength={100}
            autoComplete="email"
            required
            aria-invalid={errorFor('email') ? 'true' : undefined}
            aria-describedby={describedBy('email', 'email-notes')}
          />
          {fieldError('email')}
        </p>
        <p class="comment-form-url">
          <label for="url">{m.labelWebsite}</label>
          <input
            id="url"
            name="url"
            type="url"
            value={values.url}
            size={30}
            maxLength={200}
            autoComplete="url"
            aria-invalid={errorFor('url') ? 'true' : undefined}
            aria-describedby={describedBy('url')}
          />
          {fieldError('url')}
        </p>
        <p class="comment-form-cookies-consent">
          <input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes" checked={values.consent} />{' '}
          <label for="wp-comment-cookies-consent">{m.cookiesConsent}</label>
        </p>
        <fieldset class="comment-form-notify">
          <legend>{m.notifyLegend}</legend>
          <p>
            <input id="notify_replies" name="notify_replies" type="checkbox" value="1" checked={values.notifyReplies} />{' '}
            <label for="notify_replies">{m.notifyReplies}</label>
          </p>
          <p>
            <input id="notify_article" name="notify_article" type="checkbox" value="1" checked={values.notifyArticle} />{' '}
            <label for="notify_article">{m.notifyArticle}</label>
          </p>
        </fieldset>
        <p class="comment-form-privacy">
          <a href="/privacy/">{m.privacyLink}</a> · <a href="/privacy/your-data">{m.yourDataLink}</a>
        </p>
        <p class="comment-form-hp" aria-hidden="true">
          <label for="hp_website">{m.honeypotLabel}</label>
          <input id="hp_website" name="hp_website" type="text" tabIndex={-1} autoComplete="off" value="" />
        </p>
        {challenge ? <Challenge site={site} challenge={challenge} /> : null}
        <p class="form-submit">
          <input type="hidden" name="dateline_form" value={formToken} />
          <button name="submit" type="submit" id="submit" class="submit">
            {m.postComment}
          </button>
          <input type="hidden" name="comment_post_ID" value={String(articleId)} id="comment_post_ID" />
          <input type="hidden" name="comment_parent" id="comment_parent" value={String(replyTo?.id ?? 0)} />
          {embed ? <input type="hidden" name="embed" value="1" /> : null}
        </p>
      </form>
    </div>
  );
}

/** The rate-limit puzzle: solved by dateline.js with JavaScript; without it, a box to be held instead. */
function Challenge({ site, challenge }: { site: SiteView; challenge: NonNullable<CommentFormProps['challenge']> }) {
  const m = site.messages;
  return (
    <fieldset class="comment-form-challenge" data-pow-token={challenge.token} data-pow-difficulty={String(challenge.difficulty)} data-solving={m.challengeSolving} data-solved={m.challengeSolved}>
      <legend>{m.challengeLegend}</legend>
      <input type="hidden" name="pow_token" value={challenge.token} />
      <input type="hidden" name="pow_nonce" value="" />
      <p class="challenge-status" role="status" aria-live="polite">
        {m.challengeWithoutScript}
      </p>
      <p>
        <input id="hold_if_limited" name="hold_if_limited" type="checkbox" value="1" /> <label for="hold_if_limited">{m.challengeHold}</label>
      </p>
    </fieldset>
  );
}
