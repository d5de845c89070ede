// How the JSON API refuses: `{"error":{"code","message","field"?,"errors"?}}` with the status of
// the code's kind (error-responses.ts), every field error at once for a 422, and Fastify's own
// refusals (malformed JSON, schema mismatch, wrong media type, too large) turned into codes of
// the same table. Anything else is a 500 with no detail; its cause goes to the log.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Challenge } from '../../comments/form-token.ts';
import { AppError, InvalidFields, isAppError, type ErrorCode } from '../../domain/errors.ts';
import type { Messages } from '../../views/messages.ts';
import { statusForKind } from '../error-responses.ts';

// How long a client should wait while the database is away.
const unavailableRetrySeconds = 5;

/** The one code outside the domain table: something broke on our side (500). */
export const internalErrorCode = 'internal_error';

// The form's field names that the API spells otherwise.
const apiFieldNames: Record<string, string> = { comment_parent: 'parentId', body: 'bodyMarkdown', publish_at: 'publishedAt' };
// Codes whose message says more than the catalogue can (which field, which rule).
const specificMessages = new Set<ErrorCode>(['front_matter_invalid', 'request_invalid']);

const fieldName = (field: string | undefined): string | null => (field === undefined ? null : (apiFieldNames[field] ?? field));
const messageOf = (e: AppError, messages: Messages): string => (specificMessages.has(e.code) ? e.message : messages.errors[e.code]);

export function sendApiError(reply: FastifyReply, e: AppError, messages: Messages, extra: { challenge?: Challenge } = {}) {
  const fieldErrors = e instanceof InvalidFields ? e.errors.map((x) => ({ code: x.code, field: fieldName(x.field), message: messageOf(x, messages) })) : undefined;
  if (e.code === 'token_invalid') reply.header('www-authenticate', 'Bearer');
  if (e.code === 'comment_flood') reply.header('retry-after', '15');
  if (e.kind === 'Unavailable') reply.header('retry-after', String(unavailableRetrySeconds));
  return reply
    .code(statusForKind[e.kind])
    .header('cache-control', 'no-store')
    .send({ error: { code: e.code, message: messageOf(e, messages), field: fieldName(e.field), ...(fieldErrors ? { errors: fieldErrors } : {}), ...extra } });
}

interface FrameworkError {
  readonly statusCode?: number;
  readonly code?: string;
  readonly message?: string;
  readonly validation?: unknown;
}

/** Fastify's refusals (and a database that is away) as our codes; null for anything else. */
export function toAppError(error: unknown, databaseUnavailable: (error: unknown) => boolean): AppError | null {
  if (isAppError(error)) return error;
  if (databaseUnavailable(error)) return new AppError('unavailable', { cause: error });
  const e = (typeof error === 'object' && error !== null ? error : {}) as FrameworkError;
  if (e.validation) return new AppError('request_invalid', { message: e.message ?? 'request_invalid' });
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) return new AppError('media_type_unsupported');
  if (e.statusCode === 413) return new AppError('body_too_large');
  if (e.statusCode === 400) return new AppError('json_invalid');
  if (typeof e.statusCode === 'number' && e.statusCode > 400 && e.statusCode < 500) return new AppError('request_invalid', { message: 'The request was refused.' });
  return null;
}

/** The API scope's error handler: a JSON refusal, or a bare 500 (cause logged). */
export function handleApiError(messages: Messages, databaseUnavailable: (error: unknown) => boolean) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(error, databaseUnavailable);
    if (known) return sendApiError(reply, known, messages);
    request.log.error({ err: error }, 'unhandled API error');
    return reply.code(500).header('cache-control', 'no-store').send({ error: { code: internalErrorCode, message: 'Something went wrong on our side. Please try again later.', field: null } });
  };
}
