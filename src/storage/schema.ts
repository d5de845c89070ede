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

export interface SettingsTable {
  key: string;
  value: string;
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
}
