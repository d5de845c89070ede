// The one error type of Dateline and its table of codes. Moderation outcomes are not errors
// (see moderation.ts); these are refusals. Codes are part of the public contract.

export type ErrorKind = 'InvalidInput' | 'BadRequest' | 'Unauthenticated' | 'NotFound' | 'Conflict' | 'Forbidden' | 'RateLimited' | 'TooLarge' | 'UnsupportedMediaType' | 'Unavailable';

export const errorCodes = {
  // InvalidInput — the reader can fix these in the form
  name_required: 'InvalidInput', // name empty
  email_required: 'InvalidInput', // email empty
  email_invalid: 'InvalidInput', // email fails the WordPress is_email() rules
  email_needed_to_notify: 'InvalidInput', // a "notify me" box ticked without an email
  comment_required: 'InvalidInput', // comment text empty after trimming
  name_too_long: 'InvalidInput', // more than 245 bytes
  email_too_long: 'InvalidInput', // more than 100 bytes
  url_too_long: 'InvalidInput', // more than 200 bytes
  url_invalid: 'InvalidInput', // website is not an http(s) address
  comment_too_long: 'InvalidInput', // more than 65525 bytes
  parent_invalid: 'InvalidInput', // reply to a comment that is not approved or is on another article
  front_matter_invalid: 'InvalidInput', // article file: missing or malformed front matter field
  password_too_short: 'InvalidInput', // a staff password under the minimum length
  password_too_long: 'InvalidInput', // a staff password over the maximum length
  passwords_differ: 'InvalidInput', // the two password fields do not match
  role_invalid: 'InvalidInput', // not admin, editor or moderator
  setting_invalid: 'InvalidInput', // a Discussion setting out of range
  sign_in_failed: 'InvalidInput', // wrong email or password (never says which)
  report_reason_invalid: 'InvalidInput', // a report without one of the offered reasons
  report_note_too_long: 'InvalidInput', // a report's note over 500 characters
  api_token_name_required: 'InvalidInput', // an API token without a name (or one too long)
  api_token_scopes_invalid: 'InvalidInput', // no scope chosen, or one the staff member's role does not reach
  // BadRequest — a program sent something malformed (JSON API)
  json_invalid: 'BadRequest', // the body is not well-formed JSON (or is empty)
  request_invalid: 'BadRequest', // parameters or body do not match the operation's schema
  // Unauthenticated — the JSON API's staff operations
  token_invalid: 'Unauthenticated', // no bearer token, or one that is unknown or revoked
  // NotFound
  article_not_found: 'NotFound', // no published article with that id or URL
  comment_not_found: 'NotFound', // no comment with that id
  route_not_found: 'NotFound', // no API operation at this method and path
  api_token_not_found: 'NotFound', // no API token with that id among those this staff member may revoke
  // Conflict
  duplicate_comment: 'Conflict', // same text, author and parent already posted on this article
  slug_taken: 'Conflict', // unique violation on an article slug
  email_taken: 'Conflict', // a staff account with this email exists
  conflict: 'Conflict', // a unique constraint refused the write
  // Forbidden
  comments_closed: 'Forbidden', // the article does not take comments (any more)
  transition_not_allowed: 'Forbidden', // a moderation action that does not apply to the comment's status
  sign_in_required: 'Forbidden', // an admin page without a session
  role_forbidden: 'Forbidden', // the staff member's role does not reach this area
  csrf_invalid: 'Forbidden', // a state-changing form without this session's token
  setup_token_invalid: 'Forbidden', // the first-admin link is wrong, used or expired
  reset_link_invalid: 'Forbidden', // a password reset link that is wrong, used or expired
  mail_link_invalid: 'Forbidden', // a link from a mail (confirm, unsubscribe, manage, moderate) that is forged, expired or no longer applies
  commenter_banned: 'Forbidden', // a moderator banned this email or address
  scope_missing: 'Forbidden', // the API token lacks the scope, or its owner's role no longer reaches it
  not_your_comment: 'Forbidden', // edit or delete without this browser's signed cookie for the comment
  edit_window_closed: 'Forbidden', // edit or delete after editWindowMinutes (or with editing off)
  report_form_invalid: 'Forbidden', // a report without a genuine, fresh form token from this reader
  reaction_cross_site: 'Forbidden', // a reaction posted from another site's page (Sec-Fetch-Site: cross-site)
  // RateLimited
  comment_flood: 'RateLimited', // under 15 s since the last comment from this IP or email
  rate_limited: 'RateLimited', // over a rate limit (address, email or article) without the puzzle solved
  sign_in_throttled: 'RateLimited', // too many failed sign-ins for this account or address
  edit_limit_reached: 'RateLimited', // a comment edited maxEditsPerComment times already
  report_rate_limited: 'RateLimited', // too many reports from this network in the last hour
  reaction_rate_limited: 'RateLimited', // too many reactions added from this address in the last hour
  // TooLarge
  body_too_large: 'TooLarge', // the request body is over the server's limit
  // UnsupportedMediaType
  media_type_unsupported: 'UnsupportedMediaType', // a JSON API body that is not application/json
  // Unavailable
  unavailable: 'Unavailable', // storage is busy or down; try again
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof errorCodes;

/** A refusal that is safe to explain to whoever caused it. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, options: { field?: string; message?: string; cause?: unknown } = {}) {
    super(options.message ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.kind = errorCodes[code];
    this.field = options.field;
  }
}

/** Several field errors at once, so a form can show them all in one round trip. */
export class InvalidFields extends AppError {
  readonly errors: readonly AppError[];

  constructor(errors: readonly AppError[]) {
    const first = errors[0];
    if (!first) throw new Error('InvalidFields needs at least one error');
    super(first.code, { field: first.field });
    this.errors = errors;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
