// The site's feeds: latest articles (/feed/, /feed/atom/, /feed.json), latest approved comments
// site-wide (/comments/feed/…) and one article's approved comments (<permalink>feed/…).
// Comments come from CommentStore.listForFeed, which carries no email, IP or reasons.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FeedComment } from '../../comments/comment-store.ts';
import { articlePath, isPublic } from '../../domain/article.ts';
import type { FeedEntry, FeedFormat } from '../../views/feeds.ts';
import { articleFeedEntry, feedUrlsFor, lastUpdated, sendFeed } from '../feeds.ts';
import { articleListTag, articleTag, frontPageTag } from '../page-cache.ts';
import type { PageDeps } from '../page-deps.ts';

const articlesPerFeed = 20;
const commentsPerFeed = 50;

interface ArticleParams {
  year: string;
  month: string;
  day: string;
  slug: string;
}

export function createFeedRoutes(deps: PageDeps) {
  const m = deps.site.messages;

  /** The latest public articles. */
  const articles = (format: FeedFormat) => (request: FastifyRequest, reply: FastifyReply) =>
    sendFeed(deps, request, reply, {
      format,
      load: async (baseUrl) => {
        const now = deps.clock.now();
        const [latest, nextScheduled] = await Promise.all([deps.articles.listLatest({ now, limit: articlesPerFeed }), deps.articles.nextPublicationAfter(now)]);
        const entries = latest.map(({ article }) => articleFeedEntry(baseUrl, article));
        return {
          channel: { title: deps.site.name, description: m.siteTagline, homeUrl: `${baseUrl}/`, feedUrls: feedUrlsFor(baseUrl, '/'), language: deps.site.locale, updated: lastUpdated(entries, now) },
          entries,
          cacheTags: [articleListTag],
          expiresAt: nextScheduled, // a scheduled article joins the feed when its time comes
        };
      },
    });

  /** The latest approved comments on every public article (any public comment change drops the front page tag). */
  const comments = (format: FeedFormat) => (request: FastifyRequest, reply: FastifyReply) =>
    sendFeed(deps, request, reply, {
      format,
      load: async (baseUrl) => {
        const now = deps.clock.now();
        const entries = (await deps.comments.listForFeed({ now, limit: commentsPerFeed })).map((comment) => commentFeedEntry(baseUrl, comment));
        return {
          channel: { title: m.feedLatestComments(deps.site.name), description: m.feedCommentsDescription(deps.site.name), homeUrl: `${baseUrl}/`, feedUrls: feedUrlsFor(baseUrl, '/comments/'), language: deps.site.locale, updated: lastUpdated(entries, now) },
          entries,
          cacheTags: [frontPageTag],
        };
      },
    });

  /** One public article's approved comments; 404 for an unknown or unpublished article or a wrong date. */
  const articleComments = (format: FeedFormat) => (request: FastifyRequest<{ Params: ArticleParams }>, reply: FastifyReply) =>
    sendFeed(deps, request, reply, {
      format,
      load: async (baseUrl) => {
        const now = deps.clock.now();
        const article = await deps.articles.findBySlug(request.params.slug);
        if (!article || !isPublic(article, now)) return null;
        const path = articlePath(article);
        if (!request.url.startsWith(path)) return null;
        const entries = (await deps.comments.listForFeed({ now, limit: commentsPerFeed, articleId: article.id })).map((comment) => commentFeedEntry(baseUrl, comment));
        return {
          channel: { title: m.feedCommentsOn(article.title), description: article.summary ?? m.feedCommentsOn(article.title), homeUrl: `${baseUrl}${path}`, feedUrls: feedUrlsFor(baseUrl, path), language: deps.site.locale, updated: lastUpdated(entries, article.publishedAt) },
          entries,
          cacheTags: [articleTag(article.id)],
        };
      },
    });

  function commentFeedEntry(baseUrl: string, comment: FeedComment): FeedEntry {
    const url = `${baseUrl}${articlePath(comment.article)}#comment-${comment.id}`;
    return {
      id: url,
      url,
      title: m.feedCommentTitle(comment.authorName, comment.article.title),
      contentHtml: comment.bodyHtml,
      published: comment.createdAt,
      updated: comment.editedAt ?? comment.createdAt,
      authorName: comment.authorName,
    };
  }

  return { articles, comments, articleComments };
}
