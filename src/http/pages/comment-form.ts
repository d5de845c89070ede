// POST /comments (and /wp-comments-post.php): the WordPress-style form post. Success is a
// 303 to the comment; any refusal renders the article again with the reader's input kept.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { articlePath, type Article } from '../../domain/article.ts';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import { articleId, commentId, type CommentId } from '../../domain/ids.ts';
import type { CommentFormValues, FormError } from '../../views/comment-form.tsx';
import { statusForKind } from '../error-responses.ts';
import type { PageDeps } from '../page-deps.ts';
import { sendPersonalPage } from '../send-page.ts';
import { siteBaseUrl } from '../send-shared-document.ts';
import type { ArticlePageHandlers } from './article-page.ts';
import { allowEmbedFraming, embedPath } from './embed-frame.ts';
import { sendNotFound } from './error-pages.ts';

type FormBody = Record<string, string | string[] | undefined>;

export function createCommentForm(deps: PageDeps, pages: ArticlePageHandlers) {
  return postComment;

  async function postComment(request: FastifyRequest<{ Body: FormBody | undefined }>, reply: FastifyReply) {
    const body: FormBody = typeof request.body === 'object' && request.body !== null ? request.body : {};
    const values: CommentFormValues = {
      comment: field(body, 'comment'),
      author: field(body, 'author'),
      email: field(body, 'email'),
      url: field(body, 'url'),
      consent: body['wp-comment-cookies-consent'] !== undefined,
      notifyReplies: body.notify_replies !== undefined,
      notifyArticle: body.notify_article !== undefined,
    };
    // Posted from an embed page (views/embed-page.tsx): the reader goes back to it, and an error is shown in it.
    const fromEmbed = field(body, 'embed') === '1';
    const postId = positiveInt(field(body, 'comment_post_ID'));
    const parentId = positiveInt(field(body, 'comment_parent'));
    if (postId === null) return sendNotFound(deps, reply, values.comment);

    try {
      const { comment, article, editableUntil } = await deps.submitComment({
        articleId: articleId(postId),
        parentId: parentId === null ? null : commentId(parentId),
        authorName: values.author,
        authorEmail: values.email,
        authorUrl: values.url,
        bodyText: values.comment,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        subscribe: { replies: values.notifyReplies, article: values.notifyArticle },
        form: {
          honeypot: field(body, 'hp_website'),
          token: field(body, 'dateline_form'),
          challenge: field(body, 'pow_token') && field(body, 'pow_nonce') ? { token: field(body, 'pow_token'), nonce: field(body, 'pow_nonce') } : null,
          holdIfLimited: body.hold_if_limited !== undefined,
        },
      });
      if (values.consent) deps.cookies.remember(reply, { name: comment.authorName, email: values.email.trim(), url: comment.authorUrl ?? '' });
      else deps.cookies.forget(reply);
      if (comment.status !== 'approved') deps.cookies.addPending(request, reply, comment.id, deps.clock.now());
      if (editableUntil) deps.cookies.addOwn(request, reply, comment.id, editableUntil, deps.clock.now());
      if (fromEmbed && article.externalUrl) return reply.redirect(await embedCommentUrl(article, comment.id, comment.status !== 'approved'), 303);
      return reply.redirect(`${await commentUrl(article, comment.id, comment.status !== 'approved')}#comment-${comment.id}`, 303);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const article = await deps.articles.findById(articleId(postId));
      if (e.code === 'article_not_found' || !article) return sendNotFound(deps, reply, values.comment);
      const errors = (e instanceof InvalidFields ? e.errors : [e]).map(
        (err): FormError => ({ field: err.field ?? null, message: deps.site.messages.errors[err.code] }),
      );
      // A reply whose parent cannot take replies is offered as a top-level comment instead.
      const replyToId = e.code === 'parent_invalid' ? null : parentId;
      // Over a rate limit: the same page with a puzzle (bound to this address and text) to solve.
      const challenge = e.code === 'rate_limited' ? deps.formTokens.challenge({ ip: request.ip, text: values.comment }, deps.clock.now()) : undefined;
      const posted = field(body, 'dateline_form');
      const formToken = ['ok', 'too_fast'].includes(deps.formTokens.read(posted, article.id, deps.clock.now()).state) ? posted : undefined;
      const embed = fromEmbed && article.externalUrl ? { held: false } : undefined;
      const html = (await pages.renderArticle(article, { values, errors, replyToId, challenge, formToken }, deps.cookies.pendingIds(request, deps.clock.now()), { origin: siteBaseUrl(deps, request), embed })) ?? '';
      if (embed) allowEmbedFraming(reply, deps.embed?.origins ?? []);
      if (e.code === 'comment_flood') reply.header('retry-after', '15');
      if (e.kind === 'Unavailable') reply.header('retry-after', '5');
      return sendPersonalPage(reply, html, statusForKind[e.kind]);
    }
  }

  /**
   * Back to the embed page: at the comment, or (held) with a notice. A frame on another site
   * gets no cookies, so the held comment cannot be shown to its author there as on the article.
   */
  async function embedCommentUrl(article: Article, id: CommentId, held: boolean): Promise<string> {
    if (held) return `${embedPath(article)}?held=1#comments`;
    const page = (await deps.settings.discussion()).pageComments ? ((await deps.listDiscussion(article, [])).pageOf(id) ?? 1) : 1;
    return `${embedPath(article)}${page === 1 ? '' : `?cpage=${page}`}#comment-${id}`;
  }

  /** The article page the comment is on: its own URL, or `?cpage=N` when comments are paged. */
  async function commentUrl(article: Article, id: CommentId, ownPending: boolean): Promise<string> {
    const path = articlePath(article);
    if (!(await deps.settings.discussion()).pageComments) return path;
    const discussion = await deps.listDiscussion(article, ownPending ? [id] : []);
    const page = discussion.pageOf(id) ?? 1;
    return page === 1 ? path : `${path}?cpage=${page}`;
  }
}

/** One form field as a string: missing, repeated or odd values become '' or the first value. */
function field(body: FormBody, name: string): string {
  const v = body[name];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return typeof s === 'string' ? s : '';
}

function positiveInt(raw: string): number | null {
  const t = raw.trim();
  if (!/^\d{1,15}$/.test(t)) return null;
  const n = Number(t);
  return n > 0 ? n : null;
}
