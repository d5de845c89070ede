// Reporting a comment without an account: GET /comments/:id/report shows the form (reasons and
// an optional note), POST files the report and thanks the reader. Personal pages, never cached
// (the form carries a token signed for this reader).

import type { FastifyReply, FastifyRequest } from 'fastify';
import { articlePath } from '../../domain/article.ts';
import type { Comment } from '../../domain/comment.ts';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import type { Reader } from '../../comments/report-comment.ts';
import { renderDocument } from '../../views/layout.tsx';
import { ReportPage, ReportThanksPage, type ReportFormValues } from '../../views/report-pages.tsx';
import { statusForKind } from '../error-responses.ts';
import type { PageDeps } from '../page-deps.ts';
import { sendPersonalPage } from '../send-page.ts';
import { sendNotFound } from './error-pages.ts';
import { field, parseId } from './own-comment-pages.ts';

type FormBody = Record<string, string | string[] | undefined>;
type IdRequest = FastifyRequest<{ Params: { id: string }; Body: FormBody | undefined }>;

export function createReportPages(deps: PageDeps) {
  const m = deps.site.messages;
  const readerOf = (request: FastifyRequest): Reader => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });

  /** The form, empty or as the reader filled it, with a fresh token. */
  async function sendForm(request: IdRequest, reply: FastifyReply, values: ReportFormValues, errors: readonly AppError[], status = 200) {
    const id = parseId(request.params.id);
    if (id === null) return sendNotFound(deps, reply);
    try {
      const { comment, token } = await deps.readerActions.reportComment.form(id, readerOf(request));
      const view = { id: comment.id, authorName: comment.authorName, bodyHtml: comment.bodyHtml, articlePath: await pathOf(comment) };
      const shown = errors.map((e) => ({ field: e.field ?? null, message: m.errors[e.code] }));
      return sendPersonalPage(reply, renderDocument(ReportPage({ site: deps.site, comment: view, token, values, errors: shown })), status);
    } catch (e) {
      if (e instanceof AppError && e.code === 'comment_not_found') return sendNotFound(deps, reply, values.note);
      throw e;
    }
  }

  async function pathOf(comment: Comment): Promise<string> {
    const article = await deps.articles.findById(comment.articleId);
    return article ? articlePath(article) : '/';
  }

  return {
    showReport(request: IdRequest, reply: FastifyReply) {
      return sendForm(request, reply, { reason: '', note: '' }, []);
    },

    async fileReport(request: IdRequest, reply: FastifyReply) {
      const body: FormBody = typeof request.body === 'object' && request.body !== null ? request.body : {};
      const values = { reason: field(body, 'reason'), note: field(body, 'note') };
      const id = parseId(request.params.id);
      if (id === null) return sendNotFound(deps, reply, values.note);
      try {
        const { comment, outcome } = await deps.readerActions.reportComment.report({ commentId: id, ...values, token: field(body, 'dateline_form'), reader: readerOf(request) });
        return sendPersonalPage(reply, renderDocument(ReportThanksPage({ site: deps.site, articlePath: await pathOf(comment), commentId: comment.id, already: outcome === 'already' })));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return sendForm(request, reply, values, e instanceof InvalidFields ? e.errors : [e], statusForKind[e.kind]);
      }
    },
  };
}
