// Embed threads: an article row that holds the comments of another site's page (issue 8, item 6).
// external_key is the page's normalised address (domain/embed-url.ts), unique so two first
// visits at once make one thread; external_url is where the thread's own address redirects.
// Site articles have neither, and only they are listed. Frozen: never edit after merge.

import type { Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, _dialect: MigrationDialect): Promise<void> {
  await db.schema.alterTable('articles').addColumn('external_url', 'text').execute();
  await db.schema.alterTable('articles').addColumn('external_key', 'text').execute();
  // NULLs never collide, on SQLite and PostgreSQL alike: the site's own articles are unaffected.
  await db.schema.createIndex('articles_external_key').on('articles').column('external_key').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_external_key').execute();
  await db.schema.alterTable('articles').dropColumn('external_key').execute();
  await db.schema.alterTable('articles').dropColumn('external_url').execute();
}
