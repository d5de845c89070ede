// Builds every store over one Kysely handle, and runs work in a transaction with stores bound
// to it. The only file that knows all the Sql* classes besides main.ts.

import type { Kysely } from 'kysely';
import type { OpenDatabase } from './database.ts';
import type { MigrationDialect } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { SqlArticleStore } from './sql-article-store.ts';
import { SqlCommentStore } from './sql-comment-store.ts';
import { SqlJobStore } from './sql-job-store.ts';
import { SqlModerationLog } from './sql-moderation-log.ts';
import { SqlSettingsStore } from './sql-settings-store.ts';
import { SqlStaffStore } from './sql-staff-store.ts';
import { SqlCommenterRuleStore } from './sql-commenter-rule-store.ts';
import { SqlArticleSearch } from './sql-search.ts';
import { SqlOutboxStore } from './sql-outbox-store.ts';
import { SqlSubscriptionStore } from './sql-subscription-store.ts';
import { SqlPersonalDataStore } from './sql-personal-data-store.ts';
import { SqlLiveEventStore } from './sql-live-event-store.ts';
import { SqlSpamModelStore } from './sql-spam-model-store.ts';
import { SqlOwnCommentStore } from './sql-own-comment-store.ts';
import { SqlReportStore } from './sql-report-store.ts';
import { SqlApiTokenStore } from './sql-api-token-store.ts';
import { SqlCommentCountStore } from './sql-comment-count-store.ts';
import { SqlReactionStore } from './sql-reaction-store.ts';
import { SqlImportStore } from './sql-import-store.ts';
import { SqlWebhookStore } from './sql-webhook-store.ts';
import { translateDbError } from './translate-db-error.ts';

export interface SqlStores {
  readonly articles: SqlArticleStore;
  readonly comments: SqlCommentStore;
  readonly moderationLog: SqlModerationLog;
  readonly settings: SqlSettingsStore;
  readonly jobs: SqlJobStore;
  readonly staff: SqlStaffStore;
  readonly commenterRules: SqlCommenterRuleStore;
  readonly search: SqlArticleSearch;
  readonly outbox: SqlOutboxStore;
  readonly subscriptions: SqlSubscriptionStore;
  readonly personalData: SqlPersonalDataStore;
  readonly liveEvents: SqlLiveEventStore;
  readonly spamModel: SqlSpamModelStore;
  /** Imports and exports: source ids, deferred parents, old addresses, the site in pages. */
  readonly imports: SqlImportStore;
  readonly apiTokens: SqlApiTokenStore;
  readonly commentCounts: SqlCommentCountStore;
  readonly ownComments: SqlOwnCommentStore;
  readonly reports: SqlReportStore;
  readonly reactions: SqlReactionStore;
  readonly webhooks: SqlWebhookStore;
}

/**
 * Keep what rarely changes (settings, articles by id) in memory: for the stores of the process's
 * own connection, never for a transaction's. `freshen` is called before each kept value is used,
 * and forgets them all if another process has written since.
 */
export interface RememberOptions {
  readonly freshen: () => void;
}

export function createSqlStores(db: Kysely<Database>, dialect: MigrationDialect, now: () => Date, remember?: RememberOptions): SqlStores {
  return {
    articles: new SqlArticleStore(db, now, remember),
    comments: new SqlCommentStore(db, dialect),
    moderationLog: new SqlModerationLog(db),
    settings: new SqlSettingsStore(db, remember),
    jobs: new SqlJobStore(db),
    staff: new SqlStaffStore(db),
    commenterRules: new SqlCommenterRuleStore(db),
    search: new SqlArticleSearch(db, dialect),
    outbox: new SqlOutboxStore(db),
    subscriptions: new SqlSubscriptionStore(db),
    personalData: new SqlPersonalDataStore(db),
    liveEvents: new SqlLiveEventStore(db, dialect),
    spamModel: new SqlSpamModelStore(db),
    imports: new SqlImportStore(db),
    apiTokens: new SqlApiTokenStore(db),
    commentCounts: new SqlCommentCountStore(db),
    ownComments: new SqlOwnCommentStore(db),
    reports: new SqlReportStore(db),
    reactions: new SqlReactionStore(db),
    webhooks: new SqlWebhookStore(db),
  };
}

export function createTransact(database: OpenDatabase, now: () => Date) {
  return async <T>(work: (stores: SqlStores) => Promise<T>): Promise<T> => {
    try {
      return await database.transaction((trx) => work(createSqlStores(trx, database.dialect, now)));
    } catch (e) {
      throw translateDbError(e);
    }
  };
}
