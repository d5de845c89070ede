// The JSON Schemas of the API's bodies, each defined once: Fastify validates requests and
// serialises responses with them (so a response carries no field its schema does not name —
// never an email in a public shape), and openapi.ts publishes them as components.

/** The JSON Schema subset these schemas use (also valid OpenAPI 3.1 Schema Objects). */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number)[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly minItems?: number;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
}

const str = (description: string, more: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'string', description, ...more });
const nullableStr = (description: string, more: Partial<JsonSchema> = {}): JsonSchema => ({ type: ['string', 'null'], description, ...more });
const int = (description: string, more: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'integer', description, ...more });
const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
const date = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const nullableDate = (description: string): JsonSchema => ({ type: ['string', 'null'], format: 'date-time', description });
const object = (description: string, properties: Record<string, JsonSchema>, required: readonly string[] = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  description,
  properties,
  required,
  additionalProperties: false,
});

export const FieldError = object('One field the request got wrong.', {
  code: str('A stable error code (see the table in the API section of the README).'),
  field: nullableStr('The body field at fault, if one is.'),
  message: str('What is wrong, in plain words (English).'),
});

export const ApiError = object('Every refusal: a stable code, a message, and for invalid fields all of them at once.', {
  error: object(
    'The refusal.',
    {
      code: str('A stable error code: the table in src/domain/errors.ts.', { examples: ['comments_closed'] }),
      message: str('What happened, in plain words (English).'),
      field: nullableStr('The body field at fault, when there is one.'),
      errors: { type: 'array', description: 'Every field error (422 only).', items: FieldError },
      challenge: object('Over a rate limit (429 rate_limited): a puzzle to solve and send back as `challenge`.', {
        token: str('The puzzle, signed; valid for 15 minutes for this address and text.'),
        difficulty: int('Leading zero bits SHA-256(`token:nonce`) must have.'),
      }),
    },
    ['code', 'message'],
  ),
});

const articleFields = {
  id: int('The article id.'),
  slug: str('The last part of its address.'),
  title: str('The headline.'),
  section: nullableStr('The section it is filed under.'),
  summary: nullableStr('The standfirst.'),
  byline: nullableStr('Who it is by.'),
  tags: { type: 'array', items: { type: 'string' }, description: 'Tag names, in the editor’s order.' } satisfies JsonSchema,
  path: str('Its path on the site: /YYYY/MM/DD/slug/ (dated in UTC).'),
  url: str('Its absolute address.', { format: 'uri' }),
  publishedAt: date('When it was (or will be) published.'),
  updatedAt: date('When it was last saved.'),
  commentsOpen: bool('Whether it takes comments now (its own switch and the site’s closing age).'),
  approvedComments: int('How many approved comments it has.'),
};

export const ArticleSummary = object('A public article as a list shows it.', articleFields);

export const Article = object('A public article.', { ...articleFields, bodyHtml: str('The body as sanitised HTML.') });

export const ArticleList = object('One page of public articles, newest first.', {
  articles: { type: 'array', items: ArticleSummary },
  page: int('This page (1-based).'),
  perPage: int('Articles per page.'),
  total: int('Public articles in all.'),
});

const commentFields = {
  id: int('The comment id; its anchor on the article page is #comment-ID.'),
  parentId: { type: ['integer', 'null'], description: 'The comment it replies to.' } satisfies JsonSchema,
  authorName: str('The name the commenter gave.'),
  authorUrl: nullableStr('The website the commenter gave.'),
  avatarKey: str('Keyed hash (site secret) that draws the avatar the article page shows; it links nothing across sites and reveals no email.'),
  bodyHtml: str('The text as sanitised HTML.'),
  createdAt: date('When it was posted.'),
  editedAt: nullableDate('When its text last changed, if it did.'),
  edited: bool('Its text was changed after posting.'),
  featured: bool('Picked by an editor.'),
  byStaff: bool('Written by the newsroom.'),
};

export const PublicComment = object('An approved comment: public fields only (never an email or IP).', { ...commentFields, articleId: int('The article it is on.') });

export const ThreadedComment = object('A reply in a thread, with its depth (replies past the site’s depth stay at it).', { ...commentFields, depth: int('1 = top level.', { minimum: 1 }) });

export const TopLevelComment = object('A top-level comment with all its replies, depth-first and oldest first (the order the article page shows).', {
  ...commentFields,
  depth: int('Always 1.', { minimum: 1 }),
  replies: { type: 'array', items: ThreadedComment },
});

export const CommentThread = object('A page of an article’s approved comments.', {
  articleId: int('The article.'),
  approvedCount: int('Approved comments on the article in all.'),
  threadDepth: int('How deep replies nest on this site.'),
  comments: { type: 'array', items: TopLevelComment },
  nextCursor: nullableStr('Pass as `after` for the next page; null on the last.'),
});

export const CommentCount = object('The approved comments of the article at one address.', {
  url: str('The address as asked.'),
  articleId: { type: ['integer', 'null'], description: 'The public article there; null when none is.' },
  approvedComments: { type: ['integer', 'null'], description: 'Its approved comments; null when no public article is there.' },
});

export const CommentCounts = object('Counts in the order the addresses were asked.', { counts: { type: 'array', items: CommentCount } });

export const CountsRequest = object('Addresses (absolute URLs or paths) of articles.', {
  urls: { type: 'array', items: { type: 'string', maxLength: 2000 }, minItems: 1, maxItems: 100 },
});

export const NewComment = object(
  'A comment, with the article form’s field names. The form’s rules apply and every broken one is reported at once (422).',
  {
    comment: str('The text (Markdown); required, 65,525 bytes at most.', { maxLength: 70_000 }),
    author: str('The commenter’s name; required unless the site says otherwise.', { maxLength: 1000 }),
    email: str('The commenter’s email; required unless the site says otherwise. Never published.', { maxLength: 1000 }),
    url: str('A website (optional).', { maxLength: 1000 }),
    parentId: { type: ['integer', 'null'], minimum: 1, description: 'Reply to this approved comment of the same article.' },
    notifyReplies: bool('Mail replies to this comment (double opt-in: a confirmation is mailed first).'),
    notifyArticle: bool('Mail new comments on the article (double opt-in).'),
    holdIfLimited: bool('Over a rate limit: hold the comment for a moderator instead of refusing it (429).'),
    challenge: object('The solved puzzle of an earlier 429 rate_limited answer.', {
      token: str('The `challenge.token` of that answer.', { maxLength: 2000 }),
      nonce: str('A string with which SHA-256(`token:nonce`) has `difficulty` leading zero bits.', { maxLength: 32 }),
    }),
  },
  [],
);

export const CreatedComment = object('The comment as stored: approved (public) or pending (held for moderation, shown to nobody else).', {
  id: int('The new comment’s id.'),
  articleId: int('The article.'),
  parentId: { type: ['integer', 'null'], description: 'The comment it replies to.' },
  status: { type: 'string', enum: ['approved', 'pending'], description: 'approved: public now; pending: waits for a moderator.' },
  url: nullableStr('Its address on the article page (approved only).', { format: 'uri' }),
});

const reason = object('Why screening held or spammed it.', { check: str('The check.'), code: str('What it found.'), detail: str('In words, for moderators.') });

export const StaffComment = object('A comment as moderators see it (email included, no IP).', {
  id: int('The comment id.'),
  articleId: int('The article.'),
  parentId: { type: ['integer', 'null'], description: 'The comment it replies to.' },
  status: { type: 'string', enum: ['pending', 'approved', 'spam', 'trash'] },
  authorName: str('Name.'),
  authorEmail: str('Email (staff only).'),
  authorUrl: nullableStr('Website.'),
  bodyText: str('The text as written.'),
  bodyHtml: str('The text as sanitised HTML.'),
  reasons: { type: 'array', items: reason },
  createdAt: date('When it was posted.'),
});

const history = object('The author’s comments (by email) per status.', { approved: int('Approved.'), pending: int('Held.'), spam: int('Spam.'), trash: int('Trashed.') });

export const QueueItem = object('One comment in the queue, with its article and its author’s history.', {
  comment: StaffComment,
  article: { ...object('The article it is on.', { id: int('Id.'), title: str('Headline.'), path: str('Path.') }), type: ['object', 'null'] },
  history,
});

export const ModerationQueue = object('One page of the moderation queue, newest first.', {
  items: { type: 'array', items: QueueItem },
  counts: { type: 'object', description: 'Comments per tab (capped: a count above 10,000 reads 10,001).', additionalProperties: true },
  nextBefore: { type: ['integer', 'null'], description: 'Pass as `before` for the next (older) page.' },
});

export const ModerationRequest = object('A moderator’s action on one comment.', {
  action: { type: 'string', enum: ['approve', 'hold', 'spam', 'trash', 'restore'], description: 'restore returns a spammed or trashed comment to the queue.' },
  reason: str('A note for the moderation log.', { maxLength: 500 }),
}, ['action']);

export const ModerationResult = object('The comment after the action.', { id: int('The comment.'), status: { type: 'string', enum: ['pending', 'approved', 'spam', 'trash'] } });

const articleInputFields = {
  title: str('The headline.', { maxLength: 1000 }),
  slug: str('Its address; made from the title when absent.', { maxLength: 200 }),
  section: nullableStr('Section.', { maxLength: 200 }),
  summary: nullableStr('Standfirst.', { maxLength: 4000 }),
  bodyMarkdown: str('The body, in Markdown.', { maxLength: 400_000 }),
  status: { type: 'string', enum: ['draft', 'published'], description: 'Default published.' } satisfies JsonSchema,
  publishedAt: nullableDate('Publication time (in the future: scheduled); default now, or kept on update.'),
  commentsOpen: bool('Takes comments (default true).'),
  tags: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100, description: 'Tag names.' } satisfies JsonSchema,
};

export const ArticleInput = object('A new article. Its byline is the token’s owner.', articleInputFields, ['title', 'bodyMarkdown']);

export const ArticlePatch = object('Changes to an article: fields left out keep their value.', articleInputFields, []);

export const StaffArticle = object('An article as the newsroom sees it (any status).', {
  ...articleFields,
  status: { type: 'string', enum: ['draft', 'published'] },
  bodyMarkdown: str('The body, in Markdown.'),
});

/** Every named schema, as the OpenAPI document's components (and the docs page's list). */
export const components: Readonly<Record<string, JsonSchema>> = {
  ApiError, FieldError, Article, ArticleSummary, ArticleList, PublicComment, ThreadedComment, TopLevelComment, CommentThread,
  CommentCount, CommentCounts, CountsRequest, NewComment, CreatedComment, StaffComment, QueueItem, ModerationQueue,
  ModerationRequest, ModerationResult, ArticleInput, ArticlePatch, StaffArticle,
};
