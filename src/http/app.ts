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
import { adminRoutes } from './admin/admin-routes.ts';
import { createGuard } from './admin/guard.ts';
import type { Assets } from './assets.ts';
import type { PageDeps } from './page-deps.ts';
import { createArticlePage } from './pages/article-page.ts';
import { createCommentForm } from './pages/comment-form.ts';
import { sendErrorPage, sendNotFound } from './pages/error-pages.ts';
import { createFrontPage } from './pages/front-page.ts';

export interface AppDeps extends PageDeps {
  readonly assets: Assets;
  readonly admin: AdminDeps;
  readonly logger: FastifyBaseLogger;
  readonly trustProxy: boolean;
}

// A maximal comment (65,525 bytes) url-encodes to under 200 KB; past 1 MiB is not a comment.
const bodyLimitBytes = 1024 * 1024;

const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-opener-policy': 'same-origin',
};

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: deps.trustProxy,
    bodyLimit: bodyLimitBytes,
    // Our own request line (onResponse below) leaves out IPs and query strings.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreDuplicateSlashes: true, maxParamLength: 200 },
  });
  await app.register(cookie);
  await app.register(formbody);

  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(securityHeaders);
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

  // Comment submission (form posts; WordPress's address kept for themes and scripts)
  app.post('/comments', postComment);
  app.post('/wp-comments-post.php', postComment);

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
  const handlers = { ...desk, ...articles, ...createCommenterRoutes(deps.admin), signOut: account.signOut };
  for (const route of adminRoutes) app.route({ method: route.method, url: route.url, preHandler: guard(route.area), handler: handlers[route.handler] });

  app.setNotFoundHandler((_request, reply) => sendNotFound(deps, reply));
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    try {
      return sendErrorPage(deps, reply, status);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed');
      return reply.code(status).header('content-type', 'text/plain; charset=utf-8').send(status === 500 ? 'Internal Server Error' : 'Error');
    }
  });
  return app;
}
