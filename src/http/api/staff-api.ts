// The API's staff operations, each behind a personal API token with the operation's scope
// (bearer-auth in api-scope.ts): the moderation queue, moderating a comment (logged as the
// token's owner), and creating or changing articles through the same use case as the editor.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokenHolder } from '../../accounts/api-tokens.ts';
import type { PublishArticleInput } from '../../articles/publish-article.ts';
import { slugify, type Article } from '../../domain/article.ts';
import { AppError } from '../../domain/errors.ts';
import { articleId, commentId } from '../../domain/ids.ts';
import type { ModerationAction, QueueTab } from '../../domain/moderation.ts';
import { staffActor } from '../../domain/staff.ts';
import type { ApiDeps } from './api-deps.ts';
import { staffArticleJson, staffCommentJson } from './api-json.ts';
import { baseUrlOf } from './public-api.ts';

interface IdParams {
  readonly id: number;
}

interface QueueQuery {
  readonly status: QueueTab;
  readonly before?: number;
  readonly limit: number;
  readonly articleId?: number;
  readonly author?: string;
  readonly search?: string;
}

interface ArticleBody {
  readonly title?: string;
  readonly slug?: string;
  readonly section?: string | null;
  readonly summary?: string | null;
  readonly bodyMarkdown?: string;
  readonly status?: 'draft' | 'published';
  readonly publishedAt?: string | null;
  readonly commentsOpen?: boolean;
  readonly tags?: string[];
}

const holders = new WeakMap<FastifyRequest, TokenHolder>();

/** Remembers who a request's token acts for (set by the scope's bearer check). */
export const setHolder = (request: FastifyRequest, holder: TokenHolder): void => void holders.set(request, holder);

function holderOf(request: FastifyRequest): TokenHolder {
  const holder = holders.get(request);
  if (!holder) throw new Error('a staff API handler ran without a token check');
  return holder;
}

/** `publishedAt` as sent: absent keeps (or defaults), null too; a string must be a date. */
function publicationTime(raw: string | null | undefined): Date | null {
  if (raw === undefined || raw === null) return null;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw new AppError('request_invalid', { field: 'publishedAt', message: 'publishedAt must be a date-time such as 2026-12-01T09:00:00Z' });
  return d;
}

const blankToNull = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

export function createStaffApi(deps: ApiDeps) {
  async function sendArticle(request: FastifyRequest, reply: FastifyReply, article: Article, status: number) {
    const [settings, counts] = await Promise.all([deps.settings.discussion(), deps.commentCounts.forIds([article.id])]);
    const ctx = { settings, now: deps.clock.now(), baseUrl: baseUrlOf(deps, request) };
    if (status === 201) reply.header('location', `/api/v1/articles/${article.id}`);
    return reply.code(status).header('cache-control', 'no-store').send(staffArticleJson(article, counts.get(article.id) ?? 0, ctx));
  }

  return {
    async listQueue(request: FastifyRequest<{ Querystring: QueueQuery }>, reply: FastifyReply) {
      const q = request.query;
      const page = await deps.moderationQueue({
        tab: q.status,
        before: q.before === undefined ? undefined : commentId(q.before),
        limit: q.limit,
        articleId: q.articleId === undefined ? undefined : articleId(q.articleId),
        author: q.author,
        search: q.search,
      });
      const items = page.items.map((item) => ({
        comment: staffCommentJson(item.comment),
        article: item.article ? { id: item.article.id, title: item.article.title, path: `/api/v1/articles/${item.article.id}` } : null,
        history: item.history,
      }));
      return reply.header('cache-control', 'no-store').send({ items, counts: page.counts, nextBefore: page.nextBefore });
    },

    async moderate(request: FastifyRequest<{ Params: IdParams; Body: { action: ModerationAction; reason?: string } }>, reply: FastifyReply) {
      const { staff } = holderOf(request);
      const reason = request.body.reason?.trim();
      const comment = await deps.moderateComment({ commentId: commentId(request.params.id), action: request.body.action, actor: staffActor(staff), ...(reason ? { reason } : {}) });
      return reply.header('cache-control', 'no-store').send({ id: comment.id, status: comment.status });
    },

    async createArticle(request: FastifyRequest<{ Body: ArticleBody }>, reply: FastifyReply) {
      const { staff } = holderOf(request);
      const b = request.body;
      const title = b.title ?? '';
      const { article } = await deps.publishArticle({
        create: true,
        title,
        slug: b.slug?.trim() || slugify(title),
        section: blankToNull(b.section),
        summary: blankToNull(b.summary),
        bodyMarkdown: b.bodyMarkdown ?? '',
        status: b.status ?? 'published',
        publishedAt: publicationTime(b.publishedAt),
        commentsOpen: b.commentsOpen ?? true,
        authorStaffId: staff.id,
        tags: b.tags ?? [],
        savedBy: { staffId: staff.id, name: staff.name },
      });
      return sendArticle(request, reply, article, 201);
    },

    async updateArticle(request: FastifyRequest<{ Params: IdParams; Body: ArticleBody }>, reply: FastifyReply) {
      const { staff } = holderOf(request);
      const b = request.body;
      const existing = await deps.articles.findById(articleId(request.params.id));
      if (!existing) throw new AppError('article_not_found');
      const input: PublishArticleInput = {
        id: existing.id,
        title: b.title ?? existing.title,
        slug: b.slug?.trim() || existing.slug,
        section: b.section === undefined ? existing.section : blankToNull(b.section),
        summary: b.summary === undefined ? existing.summary : blankToNull(b.summary),
        bodyMarkdown: b.bodyMarkdown ?? existing.bodyMarkdown,
        status: b.status ?? existing.status,
        publishedAt: publicationTime(b.publishedAt) ?? existing.publishedAt,
        commentsOpen: b.commentsOpen ?? existing.commentsOpen,
        ...(b.tags ? { tags: b.tags } : {}),
        savedBy: { staffId: staff.id, name: staff.name },
      };
      const { article } = await deps.publishArticle(input);
      return sendArticle(request, reply, article, 200);
    },
  };
}
