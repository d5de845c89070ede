// Table row types: the only place column names live. Times are epoch milliseconds in both
// dialects (bigint on PostgreSQL), so they round-trip to the millisecond everywhere.

import type { Generated } from 'kysely';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  section: string | null;
  summary: string | null;
  body_markdown: string;
  body_html: string;
  status: string;
  comments_open: number;
  published_at: number;
  created_at: number;
  updated_at: number;
  /** The byline: the staff member the article is by (none for imported or command-line articles). */
  author_staff_id: number | null;
  /** An embed thread's page on another site (migration 0017); null for the site's own articles. */
  external_url: string | null;
  /** That page's normalised address (domain/embed-url.ts), unique; null for the site's own articles. */
  external_key: string | null;
}

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  author_ip: string;
  ip_hash: string;
  user_agent: string;
  body_text: string;
  body_html: string;
  status: string;
  reasons: string;
  /** 1 once author_ip has been reduced to its network (IP retention). */
  ip_truncated: Generated<number>;
  /** Set when an editor picks the comment. */
  featured_at: number | null;
  /** Set when staff changed the text (the earlier text is in comment_revisions). */
  edited_at: number | null;
  /** A reply written by staff from the admin area. */
  staff_id: number | null;
  /** Set when its author deleted it (it was trashed, or replaced by "[deleted]" when it had replies). */
  deleted_at: number | null;
  /** Readers' reactions (comment_reactions holds one row per reader); migration 0014. */
  reaction_count: Generated<number>;
  /** comment, or pingback | trackback (imported from WordPress); migration 0015. */
  kind: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface ModerationLogTable {
  id: Generated<number>;
  comment_id: number;
  action: string;
  actor: string;
  reason: string | null;
  from_status: string;
  to_status: string;
  at: number;
}

export interface JobRunsTable {
  name: string;
  last_started_at: number;
}

export interface StaffTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: number;
  /** 1 = mail this staff member about held comments (admins and moderators). */
  held_comment_mail: Generated<number>;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield live sessions. */
  token_hash: string;
  staff_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  first_at: number;
}

export interface CommenterRulesTable {
  id: Generated<number>;
  kind: string;
  email_hash: string | null;
  ip_range: string | null;
  /** What moderators see: the name and email it was made from (never public). */
  label: string;
  reason: string | null;
  /** The comment the rule was made from, so its log rows have a place. */
  source_comment_id: number | null;
  created_by: string;
  created_at: number;
}

export interface CommentRevisionsTable {
  id: Generated<number>;
  comment_id: number;
  body_text: string;
  body_html: string;
  replaced_by: string;
  replaced_at: number;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  /** The normalised form two spellings of one tag share. */
  slug: string;
}

export interface ArticleTagsTable {
  id: Generated<number>;
  article_id: number;
  tag_id: number;
  /** The order the editor gave the tags in. */
  position: number;
}

/** One saved version of an article: what it was, who saved it, when. */
export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  slug: string;
  title: string;
  section: string | null;
  summary: string | null;
  body_markdown: string;
  status: string;
  comments_open: number;
  published_at: number;
  author_staff_id: number | null;
  /** The tag names, as a JSON array. */
  tags: string;
  saved_by: string;
  saved_by_staff_id: number | null;
  saved_at: number;
}

export interface PasswordResetsTable {
  token_hash: string;
  staff_id: number;
  expires_at: number;
}

/** One mail, from the moment its cause commits until it is delivered (or given up on). */
export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  recipient: string;
  subject: string;
  /** Emptied once delivered: links in it (confirmations, resets) should not outlive the mail. */
  text_body: string;
  html_body: string | null;
  unsubscribe_url: string | null;
  /** A JSON attachment (a commenter's data export), emptied once delivered. */
  attachment_name: string | null;
  attachment_json: string | null;
  message_id: string;
  /** queued | sending | sent | failed */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: number;
  /** While `sending`: when another instance may take the message over (this one died). */
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

/** A commenter's address that asked for mail, and whether it confirmed (double opt-in). */
export interface MailAddressesTable {
  email_hash: string;
  email: string;
  confirmed_at: number | null;
  confirmation_sent_at: number | null;
  created_at: number;
}

/** replies: to comment_id; article: every new comment on article_id (comment_id 0). */
export interface SubscriptionsTable {
  id: Generated<number>;
  email_hash: string;
  kind: string;
  article_id: number;
  comment_id: Generated<number>;
  created_at: number;
}

/** A commenter's export or erasure request, waiting for them to confirm from the mail. */
export interface PrivacyRequestsTable {
  /** SHA-256 of the mailed link's token. */
  token_hash: string;
  email: string;
  /** export | erase */
  kind: string;
  created_at: number;
  expires_at: number;
}

/** Every export or erasure that ran: what, by whom, how many comments — never the address. */
export interface PrivacyLogTable {
  id: Generated<number>;
  action: string;
  actor: string;
  comments: number;
  at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** How many learned spam and approved comments contain the token; the empty token counts the comments. */
export interface SpamTokensTable {
  token: string;
  spam: number;
  ham: number;
}

/** What a moderated comment was learned as (spam | ham), with its tokens as a JSON array. */
export interface SpamTrainingTable {
  comment_id: number;
  label: string;
  tokens: string;
}

/** A public change to a comment, for open article pages; ids grow in commit order (live updates). */
export interface LiveEventsTable {
  id: Generated<number>;
  article_id: number;
  /** comment.added | comment.removed | comment.changed */
  kind: string;
  comment_id: number;
  at: number;
}

/** A reader's report of a comment; the reader is known only by keyed hashes (site secret). */
export interface CommentReportsTable {
  id: Generated<number>;
  comment_id: number;
  /** Keyed hash of IP and user agent: one report per reader per comment. */
  reader_hash: string;
  /** Keyed hash of the IP's network: rate limits, and readers counted towards a hold. */
  network_hash: string;
  /** spam | abuse | off_topic | other */
  reason: string;
  note: string | null;
  created_at: number;
  /** Set when a moderator dismissed the reports or acted on the comment. */
  resolved_at: number | null;
  resolved_by: string | null;
  /** dismissed, or the moderation action that resolved it (approve, spam, trash…). */
  resolution: string | null;
}

export interface Database {
  articles: ArticlesTable;
  comments: CommentsTable;
  moderation_log: ModerationLogTable;
  settings: SettingsTable;
  job_runs: JobRunsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  commenter_rules: CommenterRulesTable;
  comment_revisions: CommentRevisionsTable;
  password_resets: PasswordResetsTable;
  tags: TagsTable;
  article_tags: ArticleTagsTable;
  article_revisions: ArticleRevisionsTable;
  outbox: OutboxTable;
  mail_addresses: MailAddressesTable;
  subscriptions: SubscriptionsTable;
  privacy_requests: PrivacyRequestsTable;
  privacy_log: PrivacyLogTable;
  spam_tokens: SpamTokensTable;
  spam_training: SpamTrainingTable;
  live_events: LiveEventsTable;
  comment_reports: CommentReportsTable;
  api_tokens: ApiTokensTable;
  comment_reactions: CommentReactionsTable;
  import_sources: ImportSourcesTable;
  import_pending_parents: ImportPendingParentsTable;
  old_urls: OldUrlsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

/** Which source item (a WordPress post, a Disqus post…) became which row: imports run once (migration 0015). */
export interface ImportSourcesTable {
  /** wxr.post, wxr.comment, wxr.author, disqus.thread, disqus.post, json.article, json.comment, json.staff */
  kind: string;
  source_id: string;
  target_id: number;
}

/** A reply read before its parent, resolved (and deleted) when its import ends. */
export interface ImportPendingParentsTable {
  comment_id: number;
  /** The import_sources kind the parent's source id is of. */
  kind: string;
  parent_source_id: string;
}

/** An imported article's old address (path, plus `?p=N` or `?page_id=N`), answered with a 301. */
export interface OldUrlsTable {
  path: string;
  article_id: number;
}

/** One reader's reaction to a comment (migration 0014): keyed hashes only, never an IP. */
export interface CommentReactionsTable {
  comment_id: number;
  /** KeyedHash of the reader's address and user agent: one reaction per reader. */
  reader_key: string;
  /** KeyedHash of the reader's address (IPv6: its /64): what the hourly cap counts. */
  network_key: string;
  created_at: number;
}

/** A staff member's personal API token (migration 0016): only its SHA-256 is kept. */
export interface ApiTokensTable {
  id: Generated<number>;
  staff_id: number;
  name: string;
  token_hash: string;
  /** The token's first characters, shown so its owner can tell tokens apart. */
  prefix: string;
  /** Space-separated scope names. */
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A URL subscribed to comment and article events (migration 0018). */
export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  /** Signs each delivery (HMAC-SHA256); shown in the admin so the receiver can check it. */
  secret: string;
  /** Space-separated event names. */
  events: string;
  active: Generated<number>;
  created_at: number;
  /** The staff member's name (kept if the account goes). */
  created_by: string;
}

/** One event for one webhook, from the moment it is queued until delivered or given up on. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  /** Dateline-Delivery: the same on every attempt. */
  delivery_uuid: string;
  /** The JSON body, exactly as signed and sent. */
  payload: string;
  /** queued | sent | failed */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: number;
  /** While an instance is delivering it: until when no other instance takes it. */
  claimed_until: number | null;
  /** The HTTP status of the last attempt, null when none came back. */
  last_status: number | null;
  /** The first 2 KB of the last response's body. */
  last_response: string | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}
