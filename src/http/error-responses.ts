// The only place error kinds become HTTP statuses, and where anything unexpected becomes a
// plain 500 page with no detail (the cause goes to the log with the request id).

import type { ErrorKind } from '../domain/errors.ts';

export const statusForKind: Record<ErrorKind, number> = {
  InvalidInput: 422,
  BadRequest: 400,
  Unauthenticated: 401,
  NotFound: 404,
  Conflict: 409,
  Forbidden: 403,
  RateLimited: 429,
  TooLarge: 413,
  UnsupportedMediaType: 415,
  Unavailable: 503,
};
