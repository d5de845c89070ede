// Several Dateline processes on one database, end to end: two instances on PostgreSQL, and
// `serve --workers 2` on SQLite. Real processes, real ports, a kill -9 in the middle.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { commentId } from '../../src/domain/ids.ts';
import type { DiscussionSettings } from '../../src/domain/settings.ts';
import { createDateline } from '../../src/main.ts';
import { seedArticlePath, testConfig } from '../support/build-test-app.ts';
import { freshDatabaseUrl, postgresAvailable } from '../support/dialects.ts';
import { postComment, runCli, siteEnv, startServer, waitFor } from '../support/server-process.ts';

const articlePath = '/2026/11/25/north-korean-soldiers-return-to-fanfare/';
const form = (fields: Record<string, string>) => ({ comment: 'A comment.', author: 'Ada', email: 'ada@example.com', url: '', comment_post_ID: '1', comment_parent: '0', ...fields });
const idOf = (location: string | null) => Number(/#comment-(\d+)$/.exec(location ?? '')?.[1]);

/** Opens the site's database from the test process (a third connection) for checks and settings. */
async function site(databaseUrl: string, dataDir: string) {
  const secretSource = databaseUrl.startsWith('postgres') ? ('database' as const) : ('env' as const);
  return createDateline({ ...testConfig(dataDir, { databaseUrl }), secret: secretSource === 'env' ? 'x'.repeat(32) : '', secretSource });
}

async function changeSettings(databaseUrl: string, dataDir: string, changes: Partial<DiscussionSettings>) {
  const d = await site(databaseUrl, dataDir);
  await d.stores.settings.saveDiscussion(changes);
  await d.close();
}

const runPostgres = await postgresAvailable();

describe('two instances on one PostgreSQL database', { skip: runPostgres ? false : 'PostgreSQL does not answer (CI requires it)' }, () => {
  it('share comments, caches, flood control and jobs, and survive losing an instance mid-stream', async (t) => {
    const databaseUrl = await freshDatabaseUrl(t, 'postgres');
    const envA = siteEnv(t, databaseUrl);
    const envB = siteEnv(t, databaseUrl);
    const published = runCli(envA, 'publish', fileURLToPath(seedArticlePath));
    assert.equal(published.code, 0, published.err);
    const [a, b] = await Promise.all([startServer(t, envA), startServer(t, envB)]);

    // A returning commenter: their first comment, held.
    const first = await postComment(a.url, form({ comment: 'My first comment, held.' }));
    assert.equal(first.status, 303);

    // Flood control holds across instances: the same reader (same IP) cannot post on B right after A.
    const fromB = await postComment(b.url, form({ comment: 'Trying the other instance.', email: 'other@example.com', author: 'Other' }));
    assert.equal(fromB.status, 429);
    assert.match(fromB.body, /Trying the other instance\./, 'the text is kept');

    // Both instances cache the page; a comment approved from the shell shows on both.
    await fetch(a.url + articlePath);
    await fetch(b.url + articlePath);
    assert.equal(runCli(envA, 'comments', 'approve', String(idOf(first.location))).code, 0);
    await waitFor('B to show the comment approved from the shell', async () => (await (await fetch(b.url + articlePath)).text()).includes('My first comment, held.'), 5000);
    await waitFor('A to show it too', async () => (await (await fetch(a.url + articlePath)).text()).includes('My first comment, held.'), 5000);

    // A comment posted (and approved at once) on A shows on B without delay.
    await changeSettings(databaseUrl, envA.DATELINE_DATA_DIR!, { floodIntervalSeconds: 0, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0 });
    const second = await postComment(a.url, form({ comment: 'Second, approved at once.' }));
    assert.equal(second.status, 303);
    await waitFor('B to drop its cached page and show the comment posted on A', async () => (await (await fetch(b.url + articlePath)).text()).includes('Second, approved at once.'), 5000);

    // Jobs ran once between the two instances.
    await waitFor('the IP retention job to have run', () => /"job":"truncate-old-ips"/.test(a.output() + b.output()));
    const runs = (a.output() + b.output()).match(/"job":"truncate-old-ips"[^\n]*"msg":"job ran"/g) ?? [];
    assert.equal(runs.length, 1, 'one instance ran the job, not both');

    // A stream of comments to A, killed with SIGKILL halfway: every acknowledged one is stored.
    const acknowledged: number[] = [];
    let sent = 0;
    const stream = async () => {
      while (sent < 200) {
        const n = sent++;
        const res = await postComment(a.url, form({ comment: `stream ${n}`, email: `s${n}@example.com`, author: `S ${n}` })).catch(() => undefined);
        if (res?.status === 303) acknowledged.push(idOf(res.location));
        else if (!res) return;
      }
    };
    const streams = [stream(), stream(), stream(), stream()];
    await waitFor('twenty acknowledged comments', () => acknowledged.length >= 20);
    await a.kill('SIGKILL');
    await Promise.all(streams);
    const check = await site(databaseUrl, envA.DATELINE_DATA_DIR!);
    t.after(() => check.close());
    for (const id of acknowledged) assert.ok(await check.stores.comments.findById(commentId(id)), `acknowledged comment ${id} is stored`);

    // B goes on serving reads and writes.
    assert.equal((await fetch(b.url + articlePath)).status, 200);
    const afterKill = await postComment(b.url, form({ comment: 'Still here on B.', email: 'late@example.com', author: 'Late' }));
    assert.equal(afterKill.status, 303);
  });
});

describe('serve --workers 2 on SQLite', () => {
  it('shares the file between workers with no lost or doubled writes, and keeps their caches fresh', async (t) => {
    const env = siteEnv(t, '');
    const databaseUrl = `${env.DATELINE_DATA_DIR}/dateline.db`;
    assert.equal(runCli(env, 'publish', fileURLToPath(seedArticlePath)).code, 0);
    await changeSettings(databaseUrl, env.DATELINE_DATA_DIR!, { floodIntervalSeconds: 0, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0 });
    const server = await startServer(t, env, ['--workers', '2']);
    await waitFor('two workers to listen', () => (server.output().match(/Server listening/g) ?? []).length >= 2);

    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => postComment(server.url, form({ comment: `worker post ${n}`, email: `w${n}@example.com`, author: `W ${n}` }))));
    assert.deepEqual(results.map((r) => r.status), Array(40).fill(303));
    const ids = results.map((r) => idOf(r.location));
    assert.equal(new Set(ids).size, 40);
    const check = await site(databaseUrl, env.DATELINE_DATA_DIR!);
    t.after(() => check.close());
    const stored = await check.stores.comments.list({ limit: 100 });
    assert.equal(stored.length, 40);
    assert.deepEqual(new Set(stored.map((c) => c.bodyText)), new Set(results.map((_, n) => `worker post ${n}`)));

    // Warm both workers' caches, approve from the shell, and every answer shows the comment.
    for (let i = 0; i < 10; i++) await fetch(server.url + articlePath);
    assert.equal(runCli(env, 'comments', 'approve', String(ids[0])).code, 0);
    for (let i = 0; i < 10; i++) assert.match(await (await fetch(server.url + articlePath)).text(), /worker post 0/);
  });
});
