/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// Reporting a comment (/comments/:id/report): the form with the comment and the reasons, and
// the thank-you page. A plain form: it works without JavaScript.

import { reportReasons, type ReportReason } from '../domain/report.ts';
import type { TrustedHtml } from '../domain/trusted-html.ts';
import { Layout } from './layout.tsx';
import { RawHtml } from './raw-html.tsx';
import type { SiteView } from './site.ts';

export interface ReportedCommentView {
  readonly id: number;
  readonly authorName: string;
  readonly bodyHtml: TrustedHtml;
  readonly articlePath: string;
}

export interface ReportFormValues {
  readonly reason: string;
  readonly note: string;
}

export function ReportPage({ site, comment, token, values, errors }: { site: SiteView; comment: ReportedCommentView; token: string; values: ReportFormValues; errors: readonly { field: string | null; message: string }[] }) {
  const a = site.messages.commentActions;
  return (
    <Layout site={site} title={`${a.reportTitle} — ${site.name}`} noindex>
      <div class="report-page">
        <h1>{a.reportTitle}</h1>
        <p>{a.reportIntro(comment.authorName)}</p>
        <blockquote class="reported-comment">
          <RawHtml class="comment-body" html={comment.bodyHtml} />
        </blockquote>
        {errors.length > 0 ? (
          <div class="error-summary" role="alert" id="form-errors" tabIndex={-1}>
            {errors.map((e) => (
              <p>{e.message}</p>
            ))}
          </div>
        ) : null}
        <form method="post" action={`/comments/${comment.id}/report`} class="report-form">
          <input type="hidden" name="dateline_form" value={token} />
          <fieldset>
            <legend>{a.reportReasonLegend}</legend>
            {reportReasons.map((reason: ReportReason) => (
              <p class="check">
                <input type="radio" id={`reason-${reason}`} name="reason" value={reason} checked={values.reason === reason} required />{' '}
                <label for={`reason-${reason}`}>{a.reportReasons[reason]}</label>
              </p>
            ))}
          </fieldset>
          <p>
            <label for="note">{a.reportNote}</label>
            <textarea id="note" name="note" rows={3} maxLength={500}>
              {values.note}
            </textarea>
          </p>
          <p class="form-submit">
            <button type="submit" class="submit">
              {a.reportButton}
            </button>{' '}
            <a href={`${comment.articlePath}#comment-${comment.id}`}>{a.backToComment}</a>
          </p>
        </form>
      </div>
    </Layout>
  );
}

export function ReportThanksPage({ site, articlePath, commentId, already }: { site: SiteView; articlePath: string; commentId: number; already: boolean }) {
  const a = site.messages.commentActions;
  return (
    <Layout site={site} title={`${a.reportThanksTitle} — ${site.name}`} noindex>
      <div class="report-page">
        <h1>{a.reportThanksTitle}</h1>
        <p role="status">{already ? a.reportAlready : a.reportThanks}</p>
        <p>
          <a href={`${articlePath}#comment-${commentId}`}>{a.backToArticle}</a>
        </p>
      </div>
    </Layout>
  );
}
