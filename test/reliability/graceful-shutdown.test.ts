// Graceful shutdown: SIGTERM under load stops taking connections, answers every request it
// took, ends live streams with a retry hint, leaves no mail half-sent and closes the database.
// A rolling restart of two instances on one database (PostgreSQL, and one SQLite file) drops
// no request from a client spreading its posts over both. Both dialects (this file names them).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase } from '../../src/storage/database.ts';
import { freshDatabaseUrl, postgresAvailable, type DialectName } from '../support/dialects.ts';
import { openEventStream } from '../support/event-stream.ts';
import { startServer, waitFor } from '../support/server-process.ts';
import { assertNothingLost, commentLoad, longRun, prepareLoadSite, type PostOutcome } from '../support/reliability.ts';

const runPostgres = await postgresAvailable();
const rollingRounds = longRun ? 10 : 1;

/** Every post was answered 303, or refused before any instance took it. */
function assertNoneDropped(outcomes: readonly PostOutcome[]) {
  const dropped = outcomes.filter((o) => o.status !== 303 && !(o.status === 'network' && (o.error === 'ECONNREFUSED' || o.error === 'NOT_READY')));
  assert.deepEqual(dropped.map((o) => `${o.status} ${o.error ?? ''}`), [], 'no request taken was dropped or failed');
}

async function countWhere(databaseUrl: string, query: string): Promise<number> {
  const database = openDatabase(databaseUrl);
  try {
    const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(database.db);
    return Number(rows[0]!.n);
  } finally {
    await database.close();
  }
}

for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
  const skip = dialect === 'postgres' && !runPostgres ? 'PostgreSQL does not answer (CI requires it)' : false;
  describe(`${dialect}: stopping with SIGTERM`, { skip }, () => {
    it('answers every request it took, ends live streams with a retry hint, leaves no mail half-sent and closes the database', async (t) => {
      const databaseUrl = await freshDatabaseUrl(t, dialect);
      const env = await prepareLoadSite(t, databaseUrl);
      const server = await startServer(t, env);
      const stream = await openEventStream(t, `${server.url}/live/articles/1`);
      // Each comment subscribes its author, so every post queues a confirmation mail for the outbox worker.
      const load = commentLoad(() => [server.url], { concurrency: 8, label: `${dialect} sigterm`, stopOnNetworkError: true, probeReadiness: true, fields: { notify_article: 'on' } });
      await waitFor('forty acknowledged comments and mail being delivered', async () => load.acknowledged.size >= 40 && (await countWhere(databaseUrl, "select count(*) as n from outbox where status = 'sent'")) > 0);

      await server.kill('SIGTERM');
      await load.finished();
      assert.equal(server.child.exitCode, 0, `the server exited cleanly:\n${server.output()}`);
      assert.doesNotMatch(server.output(), /"level":50/, 'nothing was logged as an error');
      assertNoneDropped(load.outcomes);
      await stream.ended;
      assert.match(stream.raw(), /retry: \d+\n\n$/, 'the live stream ended with a retry hint');
      assert.equal(await countWhere(databaseUrl, "select count(*) as n from outbox where status = 'sending'"), 0, 'no mail was left claimed and unsent');
      if (dialect === 'sqlite') assert.equal(existsSync(`${databaseUrl}-wal`), false, 'the database was closed (its WAL checkpointed and removed)');
      await assertNothingLost(databaseUrl, load.acknowledged, dialect);
    });

    it(`drops no request while two instances on one database are restarted in turn (${rollingRounds} round${rollingRounds > 1 ? 's' : ''})`, async (t) => {
      const databaseUrl = await freshDatabaseUrl(t, dialect);
      const env = await prepareLoadSite(t, databaseUrl);
      const instances = await Promise.all([startServer(t, env), startServer(t, env)]);
      const load = commentLoad(() => instances.map((i) => i.url), { concurrency: 8, label: `${dialect} rolling`, probeReadiness: true });
      let restarts = 0;
      for (let round = 0; round < rollingRounds; round++) {
        for (const slot of [0, 1]) {
          const before = load.acknowledged.size;
          await waitFor('twenty more acknowledged comments', () => load.acknowledged.size >= before + 20);
          await instances[slot]!.kill('SIGTERM');
          assert.equal(instances[slot]!.child.exitCode, 0, 'the instance exited cleanly');
          instances[slot] = await startServer(t, env);
          restarts++;
        }
      }
      const before = load.acknowledged.size;
      await waitFor('twenty more acknowledged comments after the last restart', () => load.acknowledged.size >= before + 20);
      await load.stop();
      assert.deepEqual(load.outcomes.filter((o) => o.status !== 303).map((o) => `${o.status} ${o.error ?? ''}`), [], 'every post was answered 303');
      await assertNothingLost(databaseUrl, load.acknowledged, dialect);
      t.diagnostic(`${dialect}: ${restarts} restarts, ${load.outcomes.length} posts, ${load.acknowledged.size} acknowledged, ${load.held()} waits for a ready instance, none dropped`);
    });
  });
}
