// The databases tests run on: SQLite always; PostgreSQL when a server answers (127.0.0.1:5432
// on our machines, or TEST_POSTGRES_URL). Each test gets a schema of its own, dropped after.
// With DATELINE_REQUIRE_POSTGRES=1 (set by .ci/run) a missing server fails instead of skipping.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

export const postgresUrl = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const postgresRequired = process.env.DATELINE_REQUIRE_POSTGRES === '1';

let available: Promise<boolean> | undefined;

/** Whether PostgreSQL answers; throws when it does not and it is required. */
export function postgresAvailable(): Promise<boolean> {
  return (available ??= (async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (e) {
      if (postgresRequired) throw new Error(`PostgreSQL is required (DATELINE_REQUIRE_POSTGRES=1) but ${postgresUrl} does not answer: ${(e as Error).message}`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })());
}

/** The dialect the HTTP and CLI suites run on: TEST_DIALECT, default sqlite. */
export const testDialect: DialectName = process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh, empty database URL for one test of `dialect`, removed when the test ends. */
export async function freshDatabaseUrl(t: Pick<TestContext, 'after'>, dialect: DialectName, dataDir?: string): Promise<string> {
  if (dialect === 'sqlite') {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'dateline-db-'));
    if (!dataDir) t.after(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'dateline.db');
  }
  if (!(await postgresAvailable())) throw new Error(`PostgreSQL does not answer at ${postgresUrl}`);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  t.after(() => adminQuery(`drop schema if exists ${schema} cascade`));
  // libpq (pg_dump) reads %20 as a space but not '+', so no URLSearchParams here.
  return `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
