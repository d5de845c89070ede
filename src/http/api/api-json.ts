// Domain values → the API's JSON shapes (api-schemas.ts): dates as ISO strings, absolute URLs,
// and for articles whether they take comments now. Public shapes carry public fields only.

import { articlePath, isCommentingOpen, type Article } from '../../domain/article.ts';
import type { Comment, PublicComment } from '../../domain/comment.ts';
import type { DiscussionSettings } from '../../domain/settings.ts';
import type { ThreadedComment, ThreadPage } from '../../comments/list-comment-thread.ts';

export interface ArticleContext {
  readonly settings: DiscussionSettings;
  readonly now: Date;
  readonly baseUrl: string;
}

export function articleSummaryJson(article: Article, approvedComments: number, ctx: ArticleContext) {
  const path = articlePath(article);
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    section: article.section,
    summary: article.summary,
    byline: article.byline ?? null,
    tags: article.tags ?? [],
    path,
    url: ctx.baseUrl + path,
    publishedAt: article.publishedAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    commentsOpen: isCommentingOpen(article, ctx.settings, ctx.now),
    approvedComments,
  };
}

export const articleJson = (article: Article, approvedComments: number, ctx: ArticleContext) => ({ ...articleSummaryJson(article, approvedComments, ctx), bodyHtml: article.bodyHtml });

export const staffArticleJson = (article: Article, approvedComments: number, ctx: ArticleContext) => ({
  ...articleSummaryJson(article, approvedComments, ctx),
  status: article.status,
  bodyMarkdown: article.bodyMarkdown,
});

export function publicCommentJson(c: PublicComment) {
  return {
    id: c.id,
    parentId: c.parentId,
    authorName: c.authorName,
    authorUrl: c.authorUrl,
    avatarKey: c.avatarKey,
    bodyHtml: c.bodyHtml,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt ? c.editedAt.toISOString() : null,
    edited: c.edited,
    featured: c.featured,
    byStaff: c.byStaff,
  };
}

const threadedJson = (c: ThreadedComment) => ({ ...publicCommentJson(c), depth: c.depth });

export function threadJson(articleId: number, page: ThreadPage) {
  return {
    articleId,
    approvedCount: page.approvedCount,
    threadDepth: page.threadDepth,
    comments: page.comments.map((c) => ({ ...threadedJson(c), replies: c.replies.map(threadedJson) })),
    nextCursor: page.nextCursor,
  };
}

/** A comment as moderators see it: with the email (staff only), never the IP. */
export function staffCommentJson(c: Comment) {
  return {
    id: c.id,
    articleId: c.articleId,
    parentId: c.parentId,
    status: c.status,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    authorUrl: c.authorUrl,
    bodyText: c.bodyText,
    bodyHtml: c.bodyHtml,
    reasons: c.reasons.map((r) => ({ check: r.check, code: r.code, detail: r.detail })),
    createdAt: c.createdAt.toISOString(),
  };
}
