// The API's public operations: articles, an article's thread, one comment, counts for many
// addresses, and posting a comment through the same use case as the form. Bodies and
// parameters arrive validated against the route table's schemas (api-routes.ts).

import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPublic, articlePath, type Article } from '../../domain/article.ts';
import { AppError } from '../../domain/errors.ts';
import { articleId, commentId } from '../../domain/ids.ts';
import { readArticleUrl, isAtPath } from '../../articles/article-url.ts';
import { sharedCacheControl } from '../send-page.ts';
import type { ApiDeps } from './api-deps.ts';
import { sendApiError } from './api-errors.ts';
import { articleJson, articleSummaryJson, publicCommentJson, threadJson, type ArticleContext } from './api-json.ts';

interface IdParams {
  readonly id: number;
}

interface NewCommentBody {
  readonly comment?: string;
  readonly author?: string;
  readonly email?: string;
  readonly url?: string;
  readonly parentId?: number | null;
  readonly notifyReplies?: boolean;
  readonly notifyArticle?: boolean;
  readonly holdIfLimited?: boolean;
  readonly challenge?: { readonly token: string; readonly nonce: string };
}

/** The site's address for absolute links: the public URL, or the host this request came to. */
export const baseUrlOf = (deps: Pick<ApiDeps, 'publicUrl'>, request: FastifyRequest): string => deps.publicUrl ?? `${request.protocol}://${request.host}`;

export function createPublicApi(deps: ApiDeps) {
  async function contextOf(request: FastifyRequest): Promise<ArticleContext> {
    return { settings: await deps.settings.discussion(), now: deps.clock.now(), baseUrl: baseUrlOf(deps, request) };
  }

  /** The public article with this id, or `article_not_found`. */
  async function publicArticle(id: number): Promise<Article> {
    const article = await deps.articles.findById(articleId(id));
    if (!article || !isPublic(article, deps.clock.now())) throw new AppError('article_not_found');
    return article;
  }

  async function sendArticle(request: FastifyRequest, reply: FastifyReply, article: Article) {
    const [ctx, counts] = await Promise.all([contextOf(request), deps.commentCounts.forIds([article.id])]);
    return reply.header('cache-control', sharedCacheControl).send(articleJson(article, counts.get(article.id) ?? 0, ctx));
  }

  async function sendCounts(reply: FastifyReply, urls: readonly string[]) {
    return reply.header('cache-control', sharedCacheControl).send({ counts: await deps.commentCounts.forUrls(urls) });
  }

  return {
    async listArticles(request: FastifyRequest<{ Querystring: { page: number; perPage: number } }>, reply: FastifyReply) {
      const { page, perPage } = request.query;
      const ctx = await contextOf(request);
      const list = await deps.articles.listPublic({ filter: { kind: 'all' }, now: ctx.now, limit: perPage, offset: (page - 1) * perPage });
      const articles = list.articles.map((s) => articleSummaryJson(s.article, s.approvedComments, ctx));
      return reply.header('cache-control', sharedCacheControl).send({ articles, page, perPage, total: list.total });
    },

    async getArticle(request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply) {
      return sendArticle(request, reply, await publicArticle(request.params.id));
    },

    async findArticleByUrl(request: FastifyRequest<{ Querystring: { url: string } }>, reply: FastifyReply) {
      const at = readArticleUrl(request.query.url);
      const article = at ? await deps.articles.findBySlug(at.slug) : undefined;
      if (!at || !article || !isAtPath(article, at.path) || !isPublic(article, deps.clock.now())) throw new AppError('article_not_found');
      return sendArticle(request, reply, article);
    },

    async listComments(request: FastifyRequest<{ Params: IdParams; Querystring: { limit: number; after?: string } }>, reply: FastifyReply) {
      const article = await publicArticle(request.params.id);
      const page = await deps.listCommentThread(article, { limit: request.query.limit, after: request.query.after });
      return reply.header('cache-control', sharedCacheControl).send(threadJson(article.id, page));
    },

    async getComment(request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply) {
      const { comment, article } = await deps.findPublicComment(commentId(request.params.id));
      return reply.header('cache-control', sharedCacheControl).send({ ...publicCommentJson(comment), articleId: article.id });
    },

    async countsByQuery(request: FastifyRequest<{ Querystring: { url: string[] } }>, reply: FastifyReply) {
      return sendCounts(reply, request.query.url);
    },

    async countsByBody(request: FastifyRequest<{ Body: { urls: string[] } }>, reply: FastifyReply) {
      return sendCounts(reply, request.body.urls);
    },

    /**
     * The form's use case with the form's rate limits: `form` is passed without a honeypot or
     * form token (so bot signals find nothing) but with the puzzle answer or the choice to be
     * held, so per-address, per-email and per-article limits hold for API posts exactly as for
     * the form (checked in the transaction, across instances).
     */
    async postComment(request: FastifyRequest<{ Params: IdParams; Body: NewCommentBody }>, reply: FastifyReply) {
      const b = request.body;
      const text = b.comment ?? '';
      try {
        const { comment, article } = await deps.submitComment({
          articleId: articleId(request.params.id),
          parentId: b.parentId ? commentId(b.parentId) : null,
          authorName: b.author ?? '',
          authorEmail: b.email ?? '',
          authorUrl: b.url ?? '',
          bodyText: text,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          subscribe: { replies: b.notifyReplies ?? false, article: b.notifyArticle ?? false },
          form: { honeypot: '', token: '', challenge: b.challenge ?? null, holdIfLimited: b.holdIfLimited ?? false },
        });
        const approved = comment.status === 'approved';
        return reply
          .code(201)
          .header('location', `/api/v1/comments/${comment.id}`)
          .header('cache-control', 'no-store')
          .send({
            id: comment.id,
            articleId: article.id,
            parentId: comment.parentId,
            status: approved ? 'approved' : 'pending',
            url: approved ? `${baseUrlOf(deps, request)}${articlePath(article)}#comment-${comment.id}` : null,
          });
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'rate_limited') throw e;
        return sendApiError(reply, e, deps.site.messages, { challenge: deps.formTokens.challenge({ ip: request.ip, text }, deps.clock.now()) });
      }
    },
  };
}
