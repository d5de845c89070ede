// A commenter's own comment, without an account: GET/POST /comments/:id/edit and
// /comments/:id/delete. Only a browser whose signed dateline_own cookie names the comment may
// use them, and only within the edit window; anything refused shows why, with the text kept.
// Cross-site posts carry no cookie (SameSite=Lax) and no form token, so they change nothing.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { articlePath, type Article } from '../../domain/article.ts';
import type { Comment } from '../../domain/comment.ts';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import { commentId, type CommentId } from '../../domain/ids.ts';
import type { DeleteOwnComment } from '../../comments/delete-own-comment.ts';
import type { EditOwnComment, FindOwnComment } from '../../comments/edit-own-comment.ts';
import type { ReportComment } from '../../comments/report-comment.ts';
import { DeleteOwnCommentPage, EditOwnCommentPage, OwnCommentRefusedPage, type OwnCommentView } from '../../views/own-comment-pages.tsx';
import { renderDocument } from '../../views/layout.tsx';
import { statusForKind } from '../error-responses.ts';
import type { PageDeps } from '../page-deps.ts';
import { sendPersonalPage } from '../send-page.ts';
import { sendNotFound } from './error-pages.ts';

/** What readers do to comments besides posting: edit or delete their own, report anyone's. */
export interface ReaderActions {
  readonly findOwnComment: FindOwnComment;
  readonly editOwnComment: EditOwnComment;
  readonly deleteOwnComment: DeleteOwnComment;
  readonly reportComment: ReportComment;
}

type FormBody = Record<string, string | string[] | undefined>;
type IdRequest = FastifyRequest<{ Params: { id: string }; Body: FormBody | undefined }>;

export function createOwnCommentPages(deps: PageDeps) {
  const m = deps.site.messages;

  /** The comment if this browser wrote it and may still change it; throws the refusal otherwise. */
  async function own(request: IdRequest): Promise<{ comment: Comment; article: Article; view: OwnCommentView }> {
    const id = parseId(request.params.id);
    if (id === null) throw new AppError('comment_not_found');
    if (!deps.cookies.ownComments(request, deps.clock.now()).has(id)) throw new AppError('not_your_comment');
    const { comment, editableUntil } = await deps.readerActions.findOwnComment(id);
    const article = await deps.articles.findById(comment.articleId);
    if (!article) throw new AppError('comment_not_found');
    return { comment, article, view: { id: comment.id, articlePath: articlePath(article), bodyHtml: comment.bodyHtml, editableUntil } };
  }

  /** The form token is the article's (comments/form-token.ts); too fast does not matter to an edit. */
  function tokenHolds(token: string, comment: Comment): boolean {
    return ['ok', 'too_fast'].includes(deps.formTokens.read(token, comment.articleId, deps.clock.now()).state);
  }

  async function refuse(reply: FastifyReply, e: unknown, keptText: string, article: Article | null) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'comment_not_found') return sendNotFound(deps, reply, keptText);
    const page = OwnCommentRefusedPage({ site: deps.site, message: m.errors[e.code], keptText, articlePath: article ? articlePath(article) : null });
    return sendPersonalPage(reply, renderDocument(page), statusForKind[e.kind]);
  }

  /** Where the comment is shown: the article, on the page of comments that holds it. */
  async function commentUrl(request: FastifyRequest, article: Article, id: CommentId): Promise<string> {
    const path = articlePath(article);
    if (!(await deps.settings.discussion()).pageComments) return `${path}#comment-${id}`;
    const page = (await deps.listDiscussion(article, deps.cookies.pendingIds(request, deps.clock.now()))).pageOf(id) ?? 1;
    return `${page === 1 ? path : `${path}?cpage=${page}`}#comment-${id}`;
  }

  return {
    async showEdit(request: IdRequest, reply: FastifyReply) {
      try {
        const { comment, view } = await own(request);
        const token = deps.formTokens.issue(comment.articleId, deps.clock.now());
        return sendPersonalPage(reply, renderDocument(EditOwnCommentPage({ site: deps.site, comment: view, text: comment.bodyText, token, errors: [] })));
      } catch (e) {
        return refuse(reply, e, '', null);
      }
    },

    async saveEdit(request: IdRequest, reply: FastifyReply) {
      const body = formOf(request);
      const text = field(body, 'comment');
      let found: Awaited<ReturnType<typeof own>> | undefined;
      try {
        found = await own(request);
        if (!tokenHolds(field(body, 'dateline_form'), found.comment)) throw new AppError('csrf_invalid');
        const { comment } = await deps.readerActions.editOwnComment({ commentId: found.comment.id, text, ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
        // Sent back to moderation by its new text: its author still sees it, as awaiting moderation.
        if (comment.status !== 'approved') deps.cookies.keepPending(request, reply, comment.id, deps.clock.now());
        return reply.redirect(await commentUrl(request, found.article, comment.id), 303);
      } catch (e) {
        if (found && e instanceof InvalidFields) {
          const errors = e.errors.map((err) => ({ field: err.field ?? null, message: m.errors[err.code] }));
          const token = deps.formTokens.issue(found.comment.articleId, deps.clock.now());
          return sendPersonalPage(reply, renderDocument(EditOwnCommentPage({ site: deps.site, comment: found.view, text, token, errors })), 422);
        }
        return refuse(reply, e, text, found?.article ?? null);
      }
    },

    async showDelete(request: IdRequest, reply: FastifyReply) {
      try {
        const { comment, view } = await own(request);
        const token = deps.formTokens.issue(comment.articleId, deps.clock.now());
        return sendPersonalPage(reply, renderDocument(DeleteOwnCommentPage({ site: deps.site, comment: view, token })));
      } catch (e) {
        return refuse(reply, e, '', null);
      }
    },

    async confirmDelete(request: IdRequest, reply: FastifyReply) {
      let found: Awaited<ReturnType<typeof own>> | undefined;
      try {
        found = await own(request);
        if (!tokenHolds(field(formOf(request), 'dateline_form'), found.comment)) throw new AppError('csrf_invalid');
        const { outcome } = await deps.readerActions.deleteOwnComment({ commentId: found.comment.id });
        deps.cookies.removeOwn(request, reply, found.comment.id, deps.clock.now());
        const path = articlePath(found.article);
        return reply.redirect(outcome === 'placeholder' ? await commentUrl(request, found.article, found.comment.id) : `${path}#comments`, 303);
      } catch (e) {
        return refuse(reply, e, '', found?.article ?? null);
      }
    },
  };
}

const formOf = (request: IdRequest): FormBody => (typeof request.body === 'object' && request.body !== null ? request.body : {});

/** One form field as a string: missing, repeated or odd values become '' or the first value. */
export function field(body: FormBody, name: string): string {
  const v = body[name];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return typeof s === 'string' ? s : '';
}

export function parseId(raw: string): CommentId | null {
  if (!/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? commentId(n) : null;
}
