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
import { createWebhookRoutes } from './admin/webhook-routes.ts';
import { createPrivacyRoutes } from './admin/privacy-routes.ts';
import { createApiTokenRoutes } from './admin/api-token-routes.ts';
import { adminRoutes, type AdminRoute } from './admin/admin-routes.ts';
import { createGuard } from './admin/guard.ts';
import { acceptUploads, createImportRoutes } from './admin/import-routes.ts';
import type { Assets } from './assets.ts';
import { parseFormBody, UnreadableForm } from './form-body.ts';
import type { PageDeps } from './page-deps.ts';
import { createLiveStream } from './live-stream.ts';
import { createArticlePage } from './pages/article-page.ts';
import { createCommentForm } from './pages/comment-form.ts';
import { registerEmbedPages } from './pages/embed-pages.ts';
import { createReactionRoute } from './pages/reaction-route.ts';
import { createOwnCommentPages } from './pages/own-comment-pages.ts';
import { createReportPages } from './pages/report-pages.ts';
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
import { notFoundOrOldUrl, registerOldUrlRedirects } from './old-urls.ts';
import { registerOperations, type OperationsDeps } from './operations.ts';
import type { ApiDeps } from './api/api-deps.ts';
import { apiScope } from './api/api-scope.ts';
import { AppError } from '../domain/errors.ts';

export interface AppDeps extends PageDeps {
  readonly assets: Assets;
  readonly admin: AdminDeps;
  readonly logger: FastifyBaseLogger;
  readonly trustProxy: boolean;
  readonly manageNotifications: ManageNotifications;
  readonly yourData: YourData;
  /** /readyz and /metrics. */
  readonly operations: OperationsDeps;
  /** Whether an error means the database is busy or unreachable (a 503 with Retry-After, not a 500). */
  readonly databaseUnavailable: (error: unknown) => boolean;
  /** The JSON API, its OpenAPI document and docs page (its own scope: JSON parser, errors, CORS). */
  readonly api: ApiDeps;
}

// How long a reader (or a client) should wait before trying again while the database is away.
const unavailableRetrySeconds = 5;

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
    // frame-ancestors: the embed pages relax this on their own responses only (pages/embed-frame.ts).
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
    // While closing, a request that already reached us is still answered (with Connection: close),
    // not refused with 503: SIGTERM must not fail anything in flight (main.ts startServer).
    return503OnClosing: false,
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
  // Both handlers are set before any route: a route takes the error handler in force when it is
  // registered, and the awaited API registration below fixes the routes declared before it.
  // Not found: imported articles' old addresses (WordPress permalinks) answer 301, else the 404 page.
  app.setNotFoundHandler(notFoundOrOldUrl(deps));
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    // The database is away: try again shortly, and a posted comment's text comes back.
    if ((error instanceof AppError && error.kind === 'Unavailable') || deps.databaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(unavailableRetrySeconds));
      return sendErrorPage(deps, reply, 503, { keptComment: keptCommentOf(request.body) });
    }
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    try {
      if (error instanceof UnreadableForm) return sendErrorPage(deps, reply, status, { text: deps.site.messages.unreadableFormText, keptComment: error.keptComment });
      return sendErrorPage(deps, reply, status);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed');
      return reply.code(status).header('content-type', 'text/plain; charset=utf-8').send(status === 500 ? 'Internal Server Error' : 'Error');
    }
  });
  // WordPress's `/?p=123` and `/?page_id=123` of imported articles: 301 before any route (else `/` would answer).
  registerOldUrlRedirects(app, deps);
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
  registerOperations(app, deps.operations); // /readyz, /metrics (loopback or token) and the latency histogram

  // Comments on other sites' pages: /embed.js makes an iframe of /embed/thread, which only
  // DATELINE_EMBED_ORIGINS may frame (pages/embed-pages.ts); /count.js fills in comment counts.
  app.get('/embed.js', (request, reply) => deps.assets.serveLinked(request, reply, 'embed.js'));
  app.get('/count.js', (request, reply) => deps.assets.serveLinked(request, reply, 'count.js'));
  if (deps.embed) registerEmbedPages(app, { ...deps, embed: deps.embed }, articlePage);

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
  // A reader's reaction to a comment (a toggle): 303 back to it, or JSON for the page's script
  app.post('/comments/:id/reaction', createReactionRoute(deps));

  // A commenter's own comment (signed dateline_own cookie, within the edit window), and reports
  // from any reader: small form pages, personal, never cached.
  const ownComments = createOwnCommentPages(deps);
  const reports = createReportPages(deps);
  app.get('/comments/:id/edit', ownComments.showEdit);
  app.post('/comments/:id/edit', ownComments.saveEdit);
  app.get('/comments/:id/delete', ownComments.showDelete);
  app.post('/comments/:id/delete', ownComments.confirmDelete);
  app.get('/comments/:id/report', reports.showReport);
  app.post('/comments/:id/report', reports.fileReport);

  // The JSON API under /api/v1, /api/openapi.json and /api/docs: route table in api/api-routes.ts.
  await app.register(apiScope(deps.api), { prefix: '/api' });

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
  const handlers = { ...desk, ...articles, ...createCommenterRoutes(deps.admin), ...createOutboxRoutes(deps.admin), ...createWebhookRoutes(deps.admin), ...createPrivacyRoutes(deps.admin), ...createApiTokenRoutes(deps.admin), ...createImportRoutes(deps.admin), signOut: account.signOut };
  const adminRoute = (scope: FastifyInstance, route: AdminRoute) => scope.route({ method: route.method, url: route.url, preHandler: guard(route.area), handler: handlers[route.handler] });
  for (const route of adminRoutes.filter((r) => !r.upload)) adminRoute(app, route);
  // The one file upload (imports) reads multipart only in a scope of its own, with its own size limit.
  app.register(async (scope) => {
    acceptUploads(scope);
    for (const route of adminRoutes.filter((r) => r.upload)) adminRoute(scope, route);
  });

  return app;
}

/** The text of a posted comment form, if the request was one. */
function keptCommentOf(body: unknown): string | undefined {
  const comment = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).comment : undefined;
  return typeof comment === 'string' && comment !== '' ? comment : undefined;
}
