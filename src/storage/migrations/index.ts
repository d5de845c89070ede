// Every migration, in order. Each file receives the dialect and imports no app code.

import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_jobs_and_ip_retention.ts';
import * as m0003 from './0003_staff_and_sessions.ts';
import * as m0004 from './0004_commenter_rules_and_staff_edits.ts';
import * as m0006 from './0006_password_resets.ts';
import * as m0007 from './0007_duplicate_lookup.ts';
import * as m0008 from './0008_mail_outbox_and_subscriptions.ts';
import * as m0009 from './0009_search.ts';
import * as m0010 from './0010_personal_data.ts';
import * as m0011 from './0011_spam_model.ts';
import * as m0005 from './0005_article_revisions_and_tags.ts';
import * as m0012 from './0012_live_events.ts';
import * as m0013 from './0013_edits_and_reports.ts';
import * as m0014 from './0014_reactions.ts';
import * as m0015 from './0015_imports.ts';
import * as m0016 from './0016_api_tokens.ts';
import * as m0017 from './0017_embed_threads.ts';
import * as m0018 from './0018_webhooks.ts';
import * as m0019 from './0019_comment_outline.ts';

export type MigrationDialect = 'sqlite' | 'postgres';

export interface DialectMigration {
  up(db: Kysely<any>, dialect: MigrationDialect): Promise<void>;
  down(db: Kysely<any>, dialect: MigrationDialect): Promise<void>;
}

export const migrations: Record<string, DialectMigration> = {
  '0001_initial': m0001,
  '0002_jobs_and_ip_retention': m0002,
  '0003_staff_and_sessions': m0003,
  '0004_commenter_rules_and_staff_edits': m0004,
  '0005_article_revisions_and_tags': m0005,
  '0006_password_resets': m0006,
  '0007_duplicate_lookup': m0007,
  '0008_mail_outbox_and_subscriptions': m0008,
  '0009_search': m0009,
  '0010_personal_data': m0010,
  '0011_spam_model': m0011,
  '0012_live_events': m0012,
  '0013_edits_and_reports': m0013,
  '0014_reactions': m0014,
  '0015_imports': m0015,
  '0016_api_tokens': m0016,
  '0017_embed_threads': m0017,
  '0018_webhooks': m0018,
  '0019_comment_outline': m0019,
};
