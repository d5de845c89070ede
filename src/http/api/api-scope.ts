// The /api scope: the JSON API under /api/v1 (route table: api-routes.ts), its OpenAPI document
// at /api/openapi.json and the docs page at /api/docs. Everything JSON-specific lives in this
// Fastify scope, so the rest of the app keeps refusing JSON bodies: its own JSON parser and body
// limit, JSON refusals (error and not-found handlers), CORS for the configured origins only,
// and the bearer-token check on staff operations.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiScope } from '../../domain/api-token.ts';
import { AppError } from '../../domain/errors.ts';
import { ApiDocsPage, type ApiDocument } from '../../views/api-docs-page.tsx';
import { renderDocument } from '../../views/layout.tsx';
import { htmlType, sharedCacheControl } from '../send-page.ts';
import type { ApiDeps } from './api-deps.ts';
import { handleApiError, sendApiError } from './api-errors.ts';
import { apiOperations, type ApiOperation } from './api-routes.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { createPublicApi } from './public-api.ts';
import { createStaffApi, setHolder } from './staff-api.ts';

// A maximal comment (65,525 bytes, escaped) or a long article fits; past 1 MiB is not an API call.
const apiBodyLimitBytes = 1024 * 1024;
const allowedMethods = 'GET, POST, PATCH';
const allowedHeaders = 'Content-Type, Authorization';
const exposedHeaders = 'Location, Retry-After, WWW-Authenticate';
const preflightMaxAgeSeconds = 600;

/** Registered by app.ts with `{ prefix: '/api' }`. */
export function apiScope(deps: ApiDeps) {
  const handlers = { ...createPublicApi(deps), ...createStaffApi(deps) };
  const messages = deps.site.messages;
  const document = buildOpenApiDocument({ siteName: deps.site.name, serverUrl: deps.publicUrl });
  const docsHtml = renderDocument(ApiDocsPage({ site: deps.site, doc: document as unknown as ApiDocument }));
  const origins = new Set(deps.allowedOrigins);

  /** CORS: an allowed origin is echoed back; any other gets no CORS header (the browser refuses). */
  function allowOrigin(request: FastifyRequest, reply: FastifyReply): void {
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (origin && origins.has(origin)) reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', exposedHeaders);
  }

  /** The bearer-token check of a staff operation: 401 without a live token, 403 without the scope. */
  const requireToken = (scope: ApiScope) => async (request: FastifyRequest) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    setHolder(request, await deps.apiTokens.authorize(m?.[1], scope));
  };

  function route(scope: FastifyInstance, op: ApiOperation) {
    scope.route({
      method: op.method,
      url: `/v1${op.path}`,
      bodyLimit: apiBodyLimitBytes,
      schema: {
        ...(op.params ? { params: op.params } : {}),
        ...(op.query ? { querystring: op.query } : {}),
        ...(op.body ? { body: op.body } : {}),
        response: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, r.schema])),
      },
      // Before the body is read: a caller without the right token learns nothing about its body.
      ...(op.scope ? { onRequest: requireToken(op.scope) } : {}),
      handler: handlers[op.handler] as (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
    });
  }

  return async function api(scope: FastifyInstance) {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: apiBodyLimitBytes }, scope.getDefaultJsonParser('error', 'error'));
    scope.setErrorHandler(handleApiError(messages, deps.databaseUnavailable));
    scope.setNotFoundHandler((_request, reply) => sendApiError(reply, new AppError('route_not_found'), messages));
    scope.addHook('onRequest', async (request, reply) => {
      allowOrigin(request, reply);
    });

    scope.options('/*', async (request, reply) => {
      if (origins.has(request.headers.origin ?? '')) {
        reply.header('access-control-allow-methods', allowedMethods).header('access-control-allow-headers', allowedHeaders).header('access-control-max-age', String(preflightMaxAgeSeconds));
      }
      return reply.code(204).send();
    });
    scope.get('/openapi.json', async (_request, reply) => reply.header('cache-control', sharedCacheControl).send(document));
    scope.get('/docs', async (_request, reply) => reply.header('cache-control', sharedCacheControl).type(htmlType).send(docsHtml));
    for (const op of apiOperations) route(scope, op);
  };
}
