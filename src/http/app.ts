// createApp: every route, grouped by audience, one line each, and the hooks that apply to
// all of them (security headers, error pages). Wiring happens in main.ts, not here.

import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AdminDeps } from './admin/admin-deps.ts';
import { createAccountRoutes } from './admin/account-routes.ts';
import { createDeskRoutes } from './admin/desk-routes.ts';
import { createArticleRoutes } from './admin/article-routes.ts';
import { createCommenterRoutes } from './admin/commenter-routes.ts';
import { createOutboxRoutes } from './admin/outbox-routes.ts';
import { createPrivacyRoutes } from './admin/privacy-routes.ts';
import { adminRoutes } from './admin/admin-routes.ts';
import { createGuard } from './admin/guard.ts';
import type { Assets } from './assets.ts';
import { parseFormBody, UnreadableForm } from './form-body.ts';
import type { PageDeps } from './page-deps.ts';
import { createLiveStream } from './live-stream.ts';
import { createArticlePage } from './pages/article-page.ts';
import { createCommentForm } from './pages/comment-form.ts';
import { sendErrorPage, sendNotFound } from './pages/error-pages.ts';
import { createFrontPage } from './pages/front-page.ts';
import { registerNotificationPages } from './pages/notification-pages.ts';
import { registerPrivacyPages } from './pages/privacy-pages.ts';
import type { YourData } from '../privacy/your-data.ts';
import type { ManageNotifications } from '../notify/manage-notifications.ts';
import { createSearchPage } from './pages/search-page.ts';
import { createListingFeeds } from './pages/listing-feeds.ts';
import { createListingPages } from './pages/listing-pages.ts';
import { createFeedRoutes } from './pages/feed-routes.ts';
import { createSitemapRoutes } from './pages/sitemap-routes.ts';

export interface AppDeps extends PageDeps {
  readonly assets: Assets;
  readonly admin: AdminDeps;
  readonly logger: FastifyBaseLogger;
  readonly trustProxy: boolean;
  readonly manageNotifications: ManageNotifications;
  readonly yourData: YourData;
}

// A maximal comment (65,525 bytes) url-encodes to under 200 KB; past 1 MiB is not a comment.
const bodyLimitBytes = 1024 * 1024;

/**
 * The headers every response carries, set in one onRequest hook so that pages, errors, assets
 * and feeds all get them. Our own hook rather than @fastify/helmet: a handful of fixed headers
 * does not need a dependency and its defaults. No inline script or style anywhere (the one
 * <script> without src is JSON-LD, which is data and never executed).
 */
function securityHeaders(publicUrl: string | null): Record<string, string> {
  return {
    // frame-ancestors: the future embed route will relax this on its own responses only.
    'content-security-policy':
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'; object-src 'none'",
    'x-frame-options': 'SAMEORIGIN',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    // Only a site known to be served over HTTPS may tell browsers to insist on it for a year.
    ...(publicUrl?.startsWith('https:') ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const headers = securityHeaders(deps.publicUrl);
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: deps.trustProxy,
    bodyLimit: bodyLimitBytes,
    // Our own request line (onResponse below) leaves out IPs and query strings.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreDuplicateSlashes: true, maxParamLength: 200 },
    // A malformed address (`/%E0%A4%A/`) is refused before any hook runs: same headers, same page.
    frameworkErrors: (error, _request, reply) => sendErrorPage(deps, reply.headers(headers), error.statusCode ?? 400),
  });
  await app.register(cookie);
  // Every POST here is an HTML form: only form encodings are read (multipart only where mail
  // clients need it), so a JSON or text/plain body is a clear 415, never a form without fields.
  // A JSON API would add its parser in its own scope.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  await app.register(formbody, { parser: parseFormBody });

  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, path: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  const articlePage = createArticlePage(deps);
  const postComment = createCommentForm(deps, articlePage);

  // Public pages (cached for anonymous readers)
  app.get('/', createFrontPage(deps));
  app.get('/:year(^\\d{4})/:month(^\\d{2})/:day(^\\d{2})/:slug/', articlePage.show);
  app.get('/:year(^\\d{4})/:month(^\\d{2})/:day(^\\d{2})/:slug', (request, reply) => reply.redirect(`${request.url.split('?')[0]}/`, 301));
  app.get('/assets/:file', (request, reply) => deps.assets.serve(request, reply) ?? sendNotFound(deps, reply));
  app.get('/healthz', async () => ({ status: 'ok' }));

  // Live updates of an article's discussion (Server-Sent Events; never cached). Open streams
  // end with a retry hint when the server closes, so closing does not wait on them.
  const liveStream = createLiveStream(deps);
  app.get('/live/articles/:id', { exposeHeadRoute: false }, liveStream.open);
  app.addHook('preClose', async () => liveStream.closeAll());

  // Search (never in the page cache: one page per query)
  app.get('/search', createSearchPage(deps));

  // Section, tag and author pages (cached like the front page), each with its own feeds
  const listings = createListingPages(deps);
  const listingFeed = createListingFeeds(deps);
  for (const kind of ['section', 'tag', 'author'] as const) {
    app.get(`/${kind}/:slug/`, listings[kind]);
    app.get(`/${kind}/:slug`, listings.addSlash);
    app.get(`/${kind}/:slug/feed/`, listingFeed(kind, 'rss'));
    app.get(`/${kind}/:slug/feed/atom/`, listingFeed(kind, 'atom'));
    app.get(`/${kind}/:slug/feed.json`, listingFeed(kind, 'json'));
  }

  // Feeds, sitemaps and robots.txt (cached like pages; no personal state at all)
  const feeds = createFeedRoutes(deps);
  const sitemaps = createSitemapRoutes(deps);
  app.get('/feed/', feeds.articles('rss'));
  app.get('/feed/atom/', feeds.articles('atom'));
  app.get('/feed.json', feeds.articles('json'));
  app.get('/comments/feed/', feeds.comments('rss'));
  app.get('/comments/feed/atom/', feeds.comments('atom'));
  app.get('/comments/feed.json', feeds.comments('json'));
  app.get('/:year(^\\d{4})/:month(^\\d{2})/:day(^\\d{2})/:slug/feed/', feeds.articleComments('rss'));
  app.get('/:year(^\\d{4})/:month(^\\d{2})/:day(^\\d{2})/:slug/feed/atom/', feeds.articleComments('atom'));
  app.get('/:year(^\\d{4})/:month(^\\d{2})/:day(^\\d{2})/:slug/feed.json', feeds.articleComments('json'));
  app.get('/sitemap.xml', sitemaps.sitemap);
  app.get('/sitemap-:file(^\\d{1,6}).xml', sitemaps.sitemapFile);
  app.get('/sitemap-news.xml', sitemaps.newsSitemap);
  app.get('/robots.txt', sitemaps.robots);

  // Comment submission (form posts; WordPress's address kept for themes and scripts)
  app.post('/comments', postComment);
  app.post('/wp-comments-post.php', postComment);

  // Where the links in mails lead (confirm, unsubscribe, manage, moderate): personal, never cached.
  registerNotificationPages(app, deps);
  // What is stored and for how long; a commenter's export or erasure.
  registerPrivacyPages(app, deps);

  // The admin area: session + role per area (guard), CSRF token on every POST, never cached.
  const account = createAccountRoutes(deps.admin);
  const desk = createDeskRoutes(deps.admin);
  const articles = createArticleRoutes(deps.admin);
  const guard = createGuard(deps.admin);
  app.get('/admin/setup', account.showSetup);
  app.post('/admin/setup', account.setUp);
  app.get('/admin/login', account.showSignIn);
  app.post('/admin/login', account.signIn);
  app.get('/admin/password-reset', account.showResetRequest);
  app.post('/admin/password-reset', account.requestReset);
  app.get('/admin/password-reset/:token', account.showNewPassword);
  app.post('/admin/password-reset/:token', account.setNewPassword);
  app.get('/admin', (_request, reply) => reply.redirect('/admin/', 301));
  const handlers = { ...desk, ...articles, ...createCommenterRoutes(deps.admin), ...createOutboxRoutes(deps.admin), ...createPrivacyRoutes(deps.admin), signOut: account.signOut };
  for (const route of adminRoutes) app.route({ method: route.method, url: route.url, preHandler: guard(route.area), handler: handlers[route.handler] });

  app.setNotFoundHandler((_request, reply) => sendNotFound(deps, reply));
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    try {
      if (error instanceof UnreadableForm) return sendErrorPage(deps, reply, status, { text: deps.site.messages.unreadableFormText, keptComment: error.keptComment });
      return sendErrorPage(deps, reply, status);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed');
      return reply.code(status).header('content-type', 'text/plain; charset=utf-8').send(status === 500 ? 'Internal Server Error' : 'Error');
    }
  });
  return app;
}
