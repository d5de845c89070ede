// What the reliability scenarios (test/reliability/) share: a site prepared for load, a client
// that posts comments as fast as it can and remembers every acknowledged one, and the checks
// run after the damage — every acknowledged comment stored exactly once, the database intact,
// the counts agreeing. RELIABILITY_LONG=1 (npm run reliability) makes each scenario longer.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { sql } from 'kysely';
import type { DiscussionSettings } from '../../src/domain/settings.ts';
import type { DialectName } from './dialects.ts';
import { seedArticlePath } from './build-test-app.ts';
import { bin, runCli, siteEnv } from './server-process.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { createSqlStores } from '../../src/storage/sql-stores.ts';

export const longRun = process.env.RELIABILITY_LONG === '1';
export const seedPath = '/2026/11/25/north-korean-soldiers-return-to-fanfare/';

/** A site on `databaseUrl` with the seed article (id 1), every comment approved at once (unless `settings` say otherwise), no rate limits. */
export async function prepareLoadSite(t: Pick<TestContext, 'after'>, databaseUrl: string, settings: Partial<DiscussionSettings> = {}) {
  const env = siteEnv(t, databaseUrl, { LOG_LEVEL: 'warn', ...(databaseUrl.startsWith('postgres') ? {} : { DATELINE_SECRET: 'reliability-secret-0123456789' }) });
  const published = runCli(env, 'publish', fileURLToPath(seedArticlePath));
  assert.equal(published.code, 0, published.err);
  const database = openDatabase(databaseUrl);
  try {
    await migrateToLatest(database.db, database.dialect);
    await createSqlStores(database.db, database.dialect, () => new Date()).settings.saveDiscussion({
      floodIntervalSeconds: 0,
      rateLimitPerHour: 0,
      rateLimitPerArticlePerMinute: 0,
      requirePreviouslyApproved: false,
      ...settings,
    });
  } finally {
    await database.close();
  }
  return env;
}

export interface PostOutcome {
  readonly text: string;
  /** The HTTP status, or 'network' when no answer came (see `error`). */
  readonly status: number | 'network';
  readonly id: number | null;
  readonly retryAfter: string | null;
  readonly body: string;
  /** The socket error's code when there was no answer (ECONNREFUSED: no instance took the connection). */
  readonly error: string | null;
}

export interface Answer {
  readonly status: number;
  readonly location: string | null;
  readonly retryAfter: string | null;
  readonly body: string;
}

/** One form post on a connection of its own (no keep-alive, so a closed server is a refused connection). */
export function postForm(baseUrl: string, fields: Record<string, string>): Promise<Answer> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/comments`, { method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The form fields of the `n`th distinct comment on article 1 (new author, email and text each time). */
export function commentFields(label: string, n: number, extra: Record<string, string> = {}): Record<string, string> & { comment: string } {
  return { comment: `${label} comment ${n}: reliable?`, author: `Reader ${n}`, email: `reader${n}@example.com`, url: '', comment_post_ID: '1', comment_parent: '0', ...extra };
}

/**
 * `concurrency` clients posting distinct comments back to back, spread round-robin over
 * `targets()` (asked before each post, so a test can swap an instance). Like a load balancer,
 * a refused connection (the request never reached an instance) goes to the next target; any
 * other failure is recorded. With `probeReadiness` it also asks each target's /readyz every
 * 25 ms and sends nothing to one that says it is not ready. When no target takes a post it
 * is held and tried again, unless `stopOnNetworkError`: then the client stops.
 */
export function commentLoad(targets: () => readonly string[], options: { concurrency: number; label: string; stopOnNetworkError?: boolean; probeReadiness?: boolean; fields?: Record<string, string> }) {
  const outcomes: PostOutcome[] = [];
  const acknowledged = new Map<number, string>();
  const notReady = new Set<string>();
  let next = 0;
  let held = 0;
  let stopped = false;

  async function probe(): Promise<void> {
    while (!stopped) {
      await Promise.all(targets().map(async (url) => {
        const res = await fetch(`${url}/readyz`).catch(() => null);
        if (res?.status === 200) notReady.delete(url);
        else notReady.add(url);
        await res?.body?.cancel();
      }));
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function send(fields: Record<string, string>, turn: number): Promise<Answer | string> {
    const list = targets().filter((url) => !notReady.has(url));
    let error = list.length === 0 ? 'NOT_READY' : 'ECONNREFUSED';
    for (let k = 0; k < list.length; k++) {
      try {
        return await postForm(list[(turn + k) % list.length]!, fields);
      } catch (e) {
        error = (e as NodeJS.ErrnoException).code ?? String(e);
        if (error !== 'ECONNREFUSED') return error;
      }
    }
    return error;
  }

  async function client(): Promise<void> {
    while (!stopped) {
      const n = next++;
      const fields = commentFields(options.label, n, options.fields);
      const text = fields.comment;
      let res = await send(fields, n);
      // Nowhere to send it (every target refused or not ready): hold it and try again, as a balancer would.
      while (!options.stopOnNetworkError && !stopped && (res === 'NOT_READY' || res === 'ECONNREFUSED')) {
        held++;
        await new Promise((r) => setTimeout(r, 25));
        res = await send(fields, n);
      }
      if (typeof res === 'string') {
        outcomes.push({ text, status: 'network', id: null, retryAfter: null, body: '', error: res });
        if (options.stopOnNetworkError) return;
        continue;
      }
      const id = res.status === 303 ? Number(/#comment-(\d+)$/.exec(res.location ?? '')?.[1]) : null;
      if (id !== null) acknowledged.set(id, text);
      outcomes.push({ text, status: res.status, id, retryAfter: res.retryAfter, body: res.status === 303 ? '' : res.body, error: null });
    }
  }
  const posters = Array.from({ length: options.concurrency }, () => client());
  const probing = options.probeReadiness ? probe() : Promise.resolve();
  const stop = async (): Promise<void> => {
    stopped = true;
    await Promise.all([...posters, probing]);
  };
  return {
    outcomes,
    acknowledged,
    /** How many times a post waited because no target would take it. */
    held: () => held,
    /** Resolves when every client has stopped on its own (stopOnNetworkError). */
    finished: () => Promise.all(posters).then(stop),
    stop,
  };
}

/**
 * Every acknowledged comment is stored exactly once with its text, the database passes its
 * integrity checks, and the counts agree (screening log rows, live events, the page's count).
 * Returns the approved comment count of article 1.
 */
export async function assertNothingLost(databaseUrl: string, acknowledged: ReadonlyMap<number, string>, dialect: DialectName): Promise<number> {
  const database = openDatabase(databaseUrl);
  try {
    const db = database.db;
    const rows = await db.selectFrom('comments').select(['id', 'body_text']).execute();
    const byId = new Map(rows.map((r) => [r.id, r.body_text]));
    const textCounts = new Map<string, number>();
    for (const r of rows) textCounts.set(r.body_text, (textCounts.get(r.body_text) ?? 0) + 1);
    for (const [id, text] of acknowledged) {
      assert.equal(byId.get(id), text, `acknowledged comment ${id} is stored with its text`);
      assert.equal(textCounts.get(text), 1, `acknowledged comment ${id} is stored once`);
    }
    await assertIntegrity(database.db, dialect);
    const approved = await sql<{ n: number }>`select count(*) as n from comments where article_id = 1 and status = 'approved'`.execute(db);
    return Number(approved.rows[0]!.n);
  } finally {
    await database.close();
  }
}

/** PRAGMA integrity_check and foreign_key_check on SQLite; on both, the consistency the schema cannot state. */
async function assertIntegrity(db: ReturnType<typeof openDatabase>['db'], dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    assert.deepEqual(integrity.rows.map((r) => r.integrity_check), ['ok'], 'PRAGMA integrity_check');
    const foreign = await sql`pragma foreign_key_check`.execute(db);
    assert.equal(foreign.rows.length, 0, 'PRAGMA foreign_key_check finds no orphan');
  }
  const zero = async (what: string, query: ReturnType<typeof sql<{ n: number }>>) => {
    const { rows } = await query.execute(db);
    assert.equal(Number(rows[0]!.n), 0, what);
  };
  await zero('every reply’s parent exists, on the same article', sql<{ n: number }>`select count(*) as n from comments c left join comments p on p.id = c.parent_id where c.parent_id is not null and (p.id is null or p.article_id <> c.article_id)`);
  await zero('every comment’s article exists', sql<{ n: number }>`select count(*) as n from comments c left join articles a on a.id = c.article_id where a.id is null`);
  await zero('every comment has its screening verdict in the log', sql<{ n: number }>`select count(*) as n from comments c where not exists (select 1 from moderation_log m where m.comment_id = c.id and m.actor = 'system:screening')`);
  await zero('every log row is about a stored comment', sql<{ n: number }>`select count(*) as n from moderation_log m left join comments c on c.id = m.comment_id where c.id is null`);
  await zero('every approved comment has its live event', sql<{ n: number }>`select count(*) as n from comments c where c.status = 'approved' and not exists (select 1 from live_events e where e.comment_id = c.id)`);
  await zero('every live event is about a stored comment', sql<{ n: number }>`select count(*) as n from live_events e left join comments c on c.id = e.comment_id where c.id is null`);
  await zero('no comment was screened twice', sql<{ n: number }>`select count(*) as n from (select comment_id from moderation_log where actor = 'system:screening' group by comment_id having count(*) > 1) twice`);
}

/** The count the article page shows ("N comments on …"). */
export async function pageCommentCount(baseUrl: string): Promise<number> {
  const html = await (await fetch(baseUrl + seedPath)).text();
  const m = /(No|One|\d+) comments? (yet )?on “/.exec(html);
  assert.ok(m, 'the article page shows its comment count');
  return m[1] === 'No' ? 0 : m[1] === 'One' ? 1 : Number(m[1]);
}

/** The `dateline` command without blocking this process (the load and any proxy keep running). */
export function runCliAsync(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env } }, (error, out, err) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }));
  });
}
