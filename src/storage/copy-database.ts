// Copies a whole Dateline database into another, empty one — SQLite to PostgreSQL when a site
// scales out, or back — keeping every id, then checks the row counts match.

import { sql, type Kysely } from 'kysely';
import type { OpenDatabase } from './database.ts';
import type { Database } from './schema.ts';

/** Every table, parents before children. A new table must be added here (a test checks). */
export const copiedTables = ['articles', 'comments', 'moderation_log', 'settings', 'job_runs', 'staff', 'sessions', 'sign_in_failures', 'commenter_rules', 'comment_revisions', 'tags', 'article_tags', 'article_revisions', 'password_resets', 'outbox', 'mail_addresses', 'subscriptions', 'privacy_requests', 'privacy_log', 'spam_tokens', 'spam_training', 'live_events', 'comment_reactions', 'api_tokens', 'comment_reports', 'import_sources', 'import_pending_parents', 'old_urls', 'webhooks', 'webhook_deliveries'] as const satisfies readonly (keyof Database)[];
/**
 * Search indexes (migration 0009: search_articles, search_comments and, on SQLite, FTS5's own
 * tables) are not copied: the target's triggers rebuild them as the rows arrive.
 */
export const isSearchIndexTable = (name: string): boolean => name.startsWith('search_');
const tablesWithSerialId = new Set(['articles', 'comments', 'moderation_log', 'staff', 'commenter_rules', 'comment_revisions', 'tags', 'article_tags', 'article_revisions', 'outbox', 'subscriptions', 'privacy_log', 'live_events', 'api_tokens', 'comment_reports', 'webhooks', 'webhook_deliveries']);
/** The column(s) each table is read in order of, whole rows unique (batches are taken by offset). */
const orderColumn: Record<(typeof copiedTables)[number], string | readonly string[]> = {
  password_resets: 'token_hash',
  articles: 'id', comments: 'id', moderation_log: 'id', staff: 'id',
  settings: 'key', job_runs: 'name', sessions: 'token_hash', sign_in_failures: 'key',
  commenter_rules: 'id', comment_revisions: 'id',
  tags: 'id', article_tags: 'id', article_revisions: 'id',
  outbox: 'id', mail_addresses: 'email_hash', subscriptions: 'id', privacy_requests: 'token_hash', privacy_log: 'id',
  live_events: 'id',
  comment_reports: 'id',
  api_tokens: 'id',
  spam_tokens: 'token', spam_training: 'comment_id',
  comment_reactions: ['comment_id', 'reader_key'],
  import_sources: ['kind', 'source_id'], import_pending_parents: 'comment_id', old_urls: 'path',
  webhooks: 'id', webhook_deliveries: 'id',
};
const batchRows = 500;

export interface CopyReport {
  readonly counts: Record<string, number>;
}

export async function copyDatabase(from: OpenDatabase, to: OpenDatabase): Promise<CopyReport> {
  for (const table of copiedTables) {
    const n = await countRows(to.db, table);
    if (n > 0) throw new Error(`the target database is not empty (${table} has ${n} rows); copy only into a new database`);
  }
  await to.transaction(async (trx) => {
    for (const table of copiedTables) {
      const order = orderColumn[table];
      for (let offset = 0; ; offset += batchRows) {
        let query = from.db.selectFrom(table).selectAll();
        for (const column of [order].flat()) query = query.orderBy(column as never);
        const rows = await query.limit(batchRows).offset(offset).execute();
        if (rows.length === 0) break;
        await trx.insertInto(table).values(rows as never).execute();
        if (rows.length < batchRows) break;
      }
    }
    if (to.dialect === 'postgres') {
      // Explicit ids leave PostgreSQL's sequences behind; move each past the highest id.
      for (const table of tablesWithSerialId) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
      }
    }
  });
  const counts: Record<string, number> = {};
  for (const table of copiedTables) {
    const [a, b] = await Promise.all([countRows(from.db, table), countRows(to.db, table)]);
    if (a !== b) throw new Error(`copy check failed: ${table} has ${a} rows in the source and ${b} in the target`);
    counts[table] = a;
  }
  return { counts };
}

async function countRows(db: Kysely<Database>, table: (typeof copiedTables)[number]): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
