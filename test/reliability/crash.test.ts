// Crash: a client posts comments as fast as it can to a real `dateline serve` while the server
// is killed with SIGKILL at a random moment, several times. After each restart every comment
// that got its 303 is stored exactly once, the database passes its integrity checks, and the
// page's count matches the rows. Both dialects (this file names them; not rerun by the
// PostgreSQL pass). RELIABILITY_LONG=1: more kills, more clients.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabaseUrl, postgresAvailable, type DialectName } from '../support/dialects.ts';
import { startServer, waitFor } from '../support/server-process.ts';
import { assertNothingLost, commentLoad, longRun, pageCommentCount, prepareLoadSite } from '../support/reliability.ts';

const kills = longRun ? 20 : 3;
const concurrency = longRun ? 16 : 8;
const runPostgres = await postgresAvailable();

for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
  const skip = dialect === 'postgres' && !runPostgres ? 'PostgreSQL does not answer (CI requires it)' : false;
  describe(`${dialect}: SIGKILL while comments pour in`, { skip }, () => {
    it(`keeps every acknowledged comment exactly once, the database intact and the count right, after ${kills} kills`, async (t) => {
      const databaseUrl = await freshDatabaseUrl(t, dialect);
      const env = await prepareLoadSite(t, databaseUrl);
      const acknowledged = new Map<number, string>();
      let posted = 0;
      let loadMs = 0;
      for (let round = 0; round < kills; round++) {
        const server = await startServer(t, env);
        if (round > 0) await checkAfterRestart(server.url);
        const started = Date.now();
        const load = commentLoad(() => [server.url], { concurrency, label: `${dialect} round ${round}`, stopOnNetworkError: true });
        // A random moment: after some acknowledged comments, then a random few milliseconds more.
        const ackedBefore = Math.floor(Math.random() * (longRun ? 200 : 40)) + 5;
        await waitFor(`${ackedBefore} acknowledged comments`, () => load.acknowledged.size >= ackedBefore);
        await new Promise((r) => setTimeout(r, Math.random() * 30));
        await server.kill('SIGKILL');
        await load.finished();
        loadMs += Date.now() - started;
        posted += load.outcomes.length;
        const odd = load.outcomes.filter((o) => o.status !== 303 && o.status !== 'network');
        assert.deepEqual(odd.map((o) => o.status), [], 'every answer before the kill was a 303');
        for (const [id, text] of load.acknowledged) acknowledged.set(id, text);
      }
      const last = await startServer(t, env);
      await checkAfterRestart(last.url);
      t.diagnostic(`${dialect}: ${kills} kills, ${posted} posts sent, ${acknowledged.size} acknowledged (${Math.round((acknowledged.size / loadMs) * 1000)}/s), all stored once, integrity ok`);

      async function checkAfterRestart(url: string) {
        const approved = await assertNothingLost(databaseUrl, acknowledged, dialect);
        assert.ok(approved >= acknowledged.size, 'every acknowledged comment is approved and counted');
        assert.equal(await pageCommentCount(url), approved, 'the page counts what the rows hold');
      }
    });
  });
}
