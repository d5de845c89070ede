// A commenter's data on request: pending export and erasure requests (the hash of the mailed
// link's token, never the link), a log of every run that stores no address, and attachments on
// outgoing mail (the export's JSON). Frozen: never edit after merge.

import type { CreateTableBuilder, Kysely } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const id = <T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
    dialect === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await db.schema
    .createTable('privacy_requests')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_requests_by_email').on('privacy_requests').columns(['email', 'created_at']).execute();

  await id(db.schema.createTable('privacy_log'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('comments', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('outbox').addColumn('attachment_name', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('attachment_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('attachment_json').execute();
  await db.schema.alterTable('outbox').dropColumn('attachment_name').execute();
  await db.schema.dropTable('privacy_log').execute();
  await db.schema.dropTable('privacy_requests').execute();
}
