// What crawlers fetch: /sitemap.xml (every public article; past 50,000 an index of numbered
// /sitemap-N.xml files, oldest articles first so a file's contents stay put), /sitemap-news.xml
// (Google News: the last 48 hours) and /robots.txt. Cached until an article is saved.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleLink } from '../../articles/article-store.ts';
import { articlePath } from '../../domain/article.ts';
import {
  articlesPerNewsSitemap,
  newsLanguage,
  renderNewsSitemap,
  renderRobotsTxt,
  renderSitemap,
  renderSitemapIndex,
  sitemapContentType,
  urlsPerSitemap,
} from '../../views/sitemaps.ts';
import { articleListTag } from '../page-cache.ts';
import type { PageDeps } from '../page-deps.ts';
import { sendSharedDocument, siteBaseUrl, type SharedDocumentDeps } from '../send-shared-document.ts';

/** Google News lists articles for two days after publication. */
const newsWindowMs = 48 * 3_600_000;

export type SitemapDeps = SharedDocumentDeps & Pick<PageDeps, 'articles'>;

/** `urlsPerFile` is the protocol's 50,000; tests pass a small number to see the index. */
export function createSitemapRoutes(deps: SitemapDeps, urlsPerFile = urlsPerSitemap) {
  const lastModified = (link: ArticleLink) => new Date(Math.max(link.updatedAt.getTime(), link.publishedAt.getTime()));

  /** One file's worth of article URLs; `file` counts from 0. */
  async function articleUrls(baseUrl: string, now: Date, file: number) {
    const links = await deps.articles.listPublicLinks({ now, order: 'oldest', limit: urlsPerFile, offset: file * urlsPerFile });
    return links.map((link) => ({ loc: `${baseUrl}${articlePath(link)}`, lastModified: lastModified(link) }));
  }

  /** Every public article, or (past one file's worth) the index of the numbered files. */
  function sitemap(request: FastifyRequest, reply: FastifyReply) {
    return sendSharedDocument(deps, request, reply, {
      contentType: sitemapContentType,
      render: async (baseUrl) => {
        const now = deps.clock.now();
        const [count, nextScheduled] = await Promise.all([deps.articles.countPublic(now), deps.articles.nextPublicationAfter(now)]);
        const body =
          count <= urlsPerFile
            ? renderSitemap(await articleUrls(baseUrl, now, 0))
            : renderSitemapIndex(Array.from({ length: Math.ceil(count / urlsPerFile) }, (_, i) => ({ loc: `${baseUrl}/sitemap-${i + 1}.xml` })));
        return { body, cacheTags: [articleListTag], expiresAt: nextScheduled };
      },
    });
  }

  /** /sitemap-N.xml: the Nth file of the index; 404 when the site fits in one sitemap or N is past the last. */
  function sitemapFile(request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) {
    return sendSharedDocument(deps, request, reply, {
      contentType: sitemapContentType,
      render: async (baseUrl) => {
        const now = deps.clock.now();
        const file = Number(request.params.file);
        const [count, nextScheduled] = await Promise.all([deps.articles.countPublic(now), deps.articles.nextPublicationAfter(now)]);
        if (count <= urlsPerFile || file < 1 || file > Math.ceil(count / urlsPerFile)) return null;
        return { body: renderSitemap(await articleUrls(baseUrl, now, file - 1)), cacheTags: [articleListTag], expiresAt: nextScheduled };
      },
    });
  }

  /** Articles of the last 48 hours, newest first; changes when one comes out or ages out. */
  function newsSitemap(request: FastifyRequest, reply: FastifyReply) {
    return sendSharedDocument(deps, request, reply, {
      contentType: sitemapContentType,
      render: async (baseUrl) => {
        const now = deps.clock.now();
        const since = new Date(now.getTime() - newsWindowMs);
        const [links, nextScheduled] = await Promise.all([
          deps.articles.listPublicLinks({ now, since, order: 'newest', limit: articlesPerNewsSitemap, offset: 0 }),
          deps.articles.nextPublicationAfter(now),
        ]);
        const oldest = links.at(-1);
        const agesOut = oldest ? new Date(oldest.publishedAt.getTime() + newsWindowMs + 1) : null;
        const expiresAt = [nextScheduled, agesOut].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
        const publication = { name: deps.site.name, language: newsLanguage(deps.site.locale) };
        const articles = links.map((link) => ({ loc: `${baseUrl}${articlePath(link)}`, title: link.title, published: link.publishedAt }));
        return { body: renderNewsSitemap(publication, articles), cacheTags: [articleListTag], expiresAt };
      },
    });
  }

  function robots(request: FastifyRequest, reply: FastifyReply) {
    const baseUrl = siteBaseUrl(deps, request);
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(renderRobotsTxt([`${baseUrl}/sitemap.xml`, `${baseUrl}/sitemap-news.xml`]));
  }

  return { sitemap, sitemapFile, newsSitemap, robots };
}
