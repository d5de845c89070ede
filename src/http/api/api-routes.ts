// The JSON API's route table, readable in one place: each operation's method, path, the scope
// a token needs (none = public), its schemas and its handler. api-scope.ts registers exactly
// these with Fastify (which validates and serialises with the schemas), and openapi.ts turns
// exactly these into /api/openapi.json, so the document cannot drift from the routes.

import type { ApiScope } from '../../domain/api-token.ts';
import { queueTabs } from '../../domain/moderation.ts';
import { maxCountUrls } from '../../comments/comment-counts.ts';
import * as s from './api-schemas.ts';
import type { JsonSchema } from './api-schemas.ts';

export type ApiHandlerName =
  | 'listArticles' | 'getArticle' | 'findArticleByUrl' | 'listComments' | 'getComment' | 'countsByQuery' | 'countsByBody' | 'postComment'
  | 'listQueue' | 'moderate' | 'createArticle' | 'updateArticle';

export interface ApiResponse {
  readonly description: string;
  readonly schema: JsonSchema;
  /** Response headers worth documenting (name → description). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ApiOperation {
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** Below /api/v1, in Fastify's form (`:id`). */
  readonly path: string;
  readonly operationId: string;
  readonly tag: 'Articles' | 'Comments' | 'Moderation';
  readonly summary: string;
  readonly description?: string;
  /** The scope a bearer token needs; null = public (no token). */
  readonly scope: ApiScope | null;
  readonly params?: JsonSchema;
  readonly query?: JsonSchema;
  readonly body?: JsonSchema;
  readonly responses: Readonly<Record<number, ApiResponse>>;
  readonly handler: ApiHandlerName;
}

const fail = (description: string): ApiResponse => ({ description, schema: s.ApiError });
const idParams = (description: string): JsonSchema => ({ type: 'object', properties: { id: { type: 'integer', minimum: 1, description } }, required: ['id'], additionalProperties: false });
const bad = fail('Malformed: parameters or body do not match this operation (`request_invalid`), or the body is not JSON (`json_invalid`).');
const unauthenticated = fail('No valid bearer token (`token_invalid`): missing, unknown or revoked.');
const forbidden = fail('The token lacks the scope, or its owner’s role does not reach it (`scope_missing`).');
const unsupported = fail('The body is not application/json (`media_type_unsupported`).');
const tooLarge = fail('The body is over the limit (`body_too_large`).');
const urlList: JsonSchema = { type: 'array', items: { type: 'string', maxLength: 2000 }, minItems: 1, maxItems: maxCountUrls, description: 'An article address (absolute URL or path); repeat for more.' };

export const apiOperations: readonly ApiOperation[] = [
  // Public reads (no token; CORS for the configured origins)
  {
    method: 'GET', path: '/articles', operationId: 'listArticles', tag: 'Articles', scope: null, handler: 'listArticles',
    summary: 'List public articles, newest first',
    query: {
      type: 'object',
      properties: { page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1, description: 'Page (1-based).' }, perPage: { type: 'integer', minimum: 1, maximum: 50, default: 20, description: 'Articles per page.' } },
      additionalProperties: false,
    },
    responses: { 200: { description: 'One page of articles.', schema: s.ArticleList }, 400: bad },
  },
  {
    method: 'GET', path: '/articles/by-url', operationId: 'findArticleByUrl', tag: 'Articles', scope: null, handler: 'findArticleByUrl',
    summary: 'Find a public article by its address',
    description: 'Only the path counts: `https://news.example/2026/11/25/slug/`, `/2026/11/25/slug` and the same with a query or fragment all name one article.',
    query: { type: 'object', properties: { url: { type: 'string', minLength: 1, maxLength: 2000, description: 'An absolute URL or a path.' } }, required: ['url'], additionalProperties: false },
    responses: { 200: { description: 'The article.', schema: s.Article }, 400: bad, 404: fail('No public article there (`article_not_found`).') },
  },
  {
    method: 'GET', path: '/articles/:id', operationId: 'getArticle', tag: 'Articles', scope: null, handler: 'getArticle',
    summary: 'Get a public article',
    params: idParams('The article id.'),
    responses: { 200: { description: 'The article.', schema: s.Article }, 400: bad, 404: fail('No public article with this id (`article_not_found`): drafts and scheduled articles are not public.') },
  },
  {
    method: 'GET', path: '/articles/:id/comments', operationId: 'listComments', tag: 'Comments', scope: null, handler: 'listComments',
    summary: 'An article’s approved comments as a thread',
    description: 'Top-level comments oldest first, `limit` at a time, each with all its replies. Follow `nextCursor` (as `after`) for the next page; a cursor stays valid while comments are approved or removed.',
    params: idParams('The article id.'),
    query: {
      type: 'object',
      properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 50, description: 'Top-level comments per page.' }, after: { type: 'string', maxLength: 100, description: 'The `nextCursor` of the page before.' } },
      additionalProperties: false,
    },
    responses: { 200: { description: 'A page of the thread.', schema: s.CommentThread }, 400: bad, 404: fail('No public article with this id (`article_not_found`).') },
  },
  {
    method: 'GET', path: '/comments/:id', operationId: 'getComment', tag: 'Comments', scope: null, handler: 'getComment',
    summary: 'Get an approved comment',
    description: 'Where a posted comment’s Location points. A held comment answers 404 until a moderator approves it.',
    params: idParams('The comment id.'),
    responses: { 200: { description: 'The comment.', schema: s.PublicComment }, 400: bad, 404: fail('No approved comment with this id on a public article (`comment_not_found`).') },
  },
  {
    method: 'GET', path: '/counts', operationId: 'countComments', tag: 'Comments', scope: null, handler: 'countsByQuery',
    summary: 'Approved comment counts for many articles',
    description: `Repeat \`url\` for each article, ${maxCountUrls} at most: \`/api/v1/counts?url=/2026/11/25/a/&url=/2026/11/24/b/\`.`,
    query: { type: 'object', properties: { url: urlList }, required: ['url'], additionalProperties: false },
    responses: { 200: { description: 'One count per address, in the order asked.', schema: s.CommentCounts }, 400: bad },
  },
  {
    method: 'POST', path: '/counts', operationId: 'countCommentsInBody', tag: 'Comments', scope: null, handler: 'countsByBody',
    summary: 'Approved comment counts for many articles (addresses in the body)',
    description: 'The same as GET /counts, for lists too long for a query string.',
    body: s.CountsRequest,
    responses: { 200: { description: 'One count per address, in the order asked.', schema: s.CommentCounts }, 400: bad, 413: tooLarge, 415: unsupported },
  },
  // Posting a comment: the form's rules and statuses; rate limits per address, email and article
  {
    method: 'POST', path: '/articles/:id/comments', operationId: 'postComment', tag: 'Comments', scope: null, handler: 'postComment',
    summary: 'Post a comment',
    description:
      'The article form’s rules: every field error at once (422), duplicates (409), closed articles (403), bans (403), flood control (429 `comment_flood`, Retry-After). ' +
      'Rate limits (per address and per email an hour, per article a minute) apply as on the form: over one, the answer is 429 `rate_limited` with a `challenge`; send the comment again with the solved `challenge`, or with `holdIfLimited: true` to have it held for a moderator. ' +
      'The form’s bot signals (honeypot, form token) do not apply. A comment is approved or held by the same checks as on the form; a held one is shown to nobody until approved.',
    params: idParams('The article id.'),
    body: s.NewComment,
    responses: {
      201: { description: 'Stored: `status` says approved (public now) or pending (held).', schema: s.CreatedComment, headers: { Location: 'The comment’s address in this API (GET /api/v1/comments/{id}; 404 while held).' } },
      400: bad,
      403: fail('Comments are closed (`comments_closed`), or the commenter is banned (`commenter_banned`).'),
      404: fail('No public article with this id (`article_not_found`).'),
      409: fail('The same comment was posted already (`duplicate_comment`).'),
      413: tooLarge,
      415: unsupported,
      422: fail('Fields break the rules; `errors` lists every one (codes such as `comment_required`, `email_invalid`, `parent_invalid`).'),
      429: fail('Too fast (`comment_flood`, with Retry-After) or over a rate limit (`rate_limited`, with a `challenge`).'),
    },
  },
  // Staff: personal API tokens (Authorization: Bearer …), scoped, within the owner's role
  {
    method: 'GET', path: '/moderation/comments', operationId: 'listModerationQueue', tag: 'Moderation', scope: 'comments:read', handler: 'listQueue',
    summary: 'The moderation queue',
    query: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: [...queueTabs], default: 'pending', description: 'Which tab.' },
        before: { type: 'integer', minimum: 1, description: 'The `nextBefore` of the page before.' },
        limit: { type: 'integer', minimum: 1, maximum: 100, default: 50, description: 'Comments per page.' },
        articleId: { type: 'integer', minimum: 1, description: 'Only this article’s comments.' },
        author: { type: 'string', maxLength: 200, description: 'Only this author (an exact email, or a name).' },
        search: { type: 'string', maxLength: 200, description: 'Words of the text or the name.' },
      },
      additionalProperties: false,
    },
    responses: { 200: { description: 'One page of the queue.', schema: s.ModerationQueue }, 400: bad, 401: unauthenticated, 403: forbidden },
  },
  {
    method: 'POST', path: '/comments/:id/moderation', operationId: 'moderateComment', tag: 'Moderation', scope: 'comments:moderate', handler: 'moderate',
    summary: 'Approve, hold, spam, trash or restore a comment',
    description: 'Logged in the moderation log as the token’s owner, like the same action in the admin.',
    params: idParams('The comment id.'),
    body: s.ModerationRequest,
    responses: {
      200: { description: 'Done.', schema: s.ModerationResult },
      400: bad, 401: unauthenticated, 403: fail('`scope_missing`, or the action does not apply to the comment’s status (`transition_not_allowed`).'),
      404: fail('No such comment (`comment_not_found`).'), 413: tooLarge, 415: unsupported,
    },
  },
  {
    method: 'POST', path: '/articles', operationId: 'createArticle', tag: 'Articles', scope: 'articles:write', handler: 'createArticle',
    summary: 'Create an article',
    description: 'Saved like the editor saves (a revision by the token’s owner, caches dropped). Its byline is the token’s owner.',
    body: s.ArticleInput,
    responses: {
      201: { description: 'Created.', schema: s.StaffArticle, headers: { Location: 'GET /api/v1/articles/{id} (404 until it is public).' } },
      400: bad, 401: unauthenticated, 403: forbidden, 409: fail('The slug is taken (`slug_taken`).'), 413: tooLarge, 415: unsupported,
      422: fail('Fields break the rules (`front_matter_invalid` per field, in `errors`).'),
    },
  },
  {
    method: 'PATCH', path: '/articles/:id', operationId: 'updateArticle', tag: 'Articles', scope: 'articles:write', handler: 'updateArticle',
    summary: 'Change an article',
    params: idParams('The article id (any status).'),
    body: s.ArticlePatch,
    responses: {
      200: { description: 'Saved.', schema: s.StaffArticle },
      400: bad, 401: unauthenticated, 403: forbidden, 404: fail('No such article (`article_not_found`).'), 409: fail('The slug is taken (`slug_taken`).'),
      413: tooLarge, 415: unsupported, 422: fail('Fields break the rules (`front_matter_invalid` per field, in `errors`).'),
    },
  },
];
