// The README's "Scaling out" recipe, as written: two instances on PostgreSQL behind nginx with
// deploy/nginx.conf (its ports swapped for free ones). Losing an instance loses no reader.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedArticlePath } from '../support/build-test-app.ts';
import { freshDatabaseUrl, postgresAvailable } from '../support/dialects.ts';
import { freePort, postComment, runCli, siteEnv, startServer, waitFor } from '../support/server-process.ts';

const nginx = spawnSync('nginx', ['-v']).status === 0;
const requireRecipe = process.env.DATELINE_REQUIRE_POSTGRES === '1'; // CI installs nginx and runs this
const skip = !(await postgresAvailable()) ? 'no PostgreSQL' : !nginx && !requireRecipe ? 'nginx is not installed (CI installs it)' : false;

it('serves one site from two instances behind nginx, and keeps serving when one stops', { skip }, async (t) => {
  const databaseUrl = await freshDatabaseUrl(t, 'postgres');
  const env = siteEnv(t, databaseUrl);
  assert.equal(runCli(env, 'publish', fileURLToPath(seedArticlePath)).code, 0);
  const [a, b] = await Promise.all([startServer(t, siteEnv(t, databaseUrl)), startServer(t, siteEnv(t, databaseUrl))]);

  const prefix = mkdtempSync(join(tmpdir(), 'dateline-nginx-'));
  t.after(() => rmSync(prefix, { recursive: true, force: true }));
  mkdirSync(join(prefix, 'temp'));
  const front = await freePort();
  const recipe = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8')
    .replace('127.0.0.1:3001', a.url.replace('http://', ''))
    .replace('127.0.0.1:3002', b.url.replace('http://', ''))
    .replace('listen 127.0.0.1:8080', `listen 127.0.0.1:${front}`);
  assert.notEqual(recipe, readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8'));
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, recipe);
  const proxy = spawn('nginx', ['-c', conf, '-p', prefix, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proxy.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // SIGTERM: the master stops its workers too (after SIGKILL they would linger holding our pipe).
  const proxyExited = new Promise((resolve) => proxy.once('exit', resolve));
  t.after(async () => {
    proxy.kill('SIGTERM');
    await proxyExited;
  });
  const site = `http://127.0.0.1:${front}`;
  await waitFor('nginx to answer', async () => {
    if (proxy.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    return (await fetch(`${site}/healthz`).catch(() => undefined))?.ok === true;
  });

  const page = '/2026/11/25/north-korean-soldiers-return-to-fanfare/';
  const posted = await postComment(site, { comment: 'Through the load balancer.', author: 'Ada', email: 'ada@example.com', url: '', comment_post_ID: '1', comment_parent: '0' });
  assert.equal(posted.status, 303);
  assert.match(posted.location ?? '', /^\/2026\/11\/25\/north-korean-soldiers-return-to-fanfare\/#comment-\d+$/);
  assert.equal(runCli(env, 'comments', 'approve', String(/(\d+)$/.exec(posted.location!)?.[1])).code, 0);
  await waitFor('both instances to show the approved comment', async () => {
    const bodies = await Promise.all([a.url, b.url].map(async (u) => (await fetch(u + page)).text()));
    return bodies.every((body) => body.includes('Through the load balancer.'));
  }, 5000);

  await a.kill('SIGKILL');
  for (let i = 0; i < 6; i++) {
    const res = await fetch(site + page);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Through the load balancer\./);
  }
});
