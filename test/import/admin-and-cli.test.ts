// The two doors to imports and exports: the admin's upload form (admins only, CSRF-checked,
// multipart read only there) and the `dateline import` / `dateline export` commands.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';
import { freshDatabaseUrl, testDialect } from '../support/dialects.ts';
import { runCli, siteEnv } from '../support/server-process.ts';

const fixture = (name: string) => new URL(`../../../shared/fixtures/import/${name}`, import.meta.url).pathname;

async function upload(site: TestApp, who: { cookie: string; csrf: string }, fields: Record<string, string>, file: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([readFileSync(file)]), 'export.xml');
  const request = new Request('http://localhost/admin/import', { method: 'POST', body: form });
  return site.app.inject({ method: 'POST', url: '/admin/import', headers: { cookie: who.cookie, 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()) });
}

test('an admin imports a WordPress file from the admin area and sees the report', async (t) => {
  const site = await buildTestApp(t);
  const admin = await site.signIn('admin');
  const form = await site.app.inject({ method: 'GET', url: '/admin/import', headers: { cookie: admin.cookie } });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /enctype="multipart\/form-data"/);
  const res = await upload(site, admin, { _csrf: admin.csrf, format: 'wxr' }, fixture('wordpress-importer-valid-wxr-1.1.xml'));
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /created: 2 articles, 1 comments/);
  assert.equal((await site.dateline.stores.articles.findBySlug('hello-world'))?.title, 'Hello world!');
});

test('the upload form refuses editors, a missing CSRF token, and shows where a malformed file broke', async (t) => {
  const site = await buildTestApp(t);
  const editor = await site.signIn('editor');
  assert.equal((await site.app.inject({ method: 'GET', url: '/admin/import', headers: { cookie: editor.cookie } })).statusCode, 403);
  assert.equal((await upload(site, editor, { _csrf: editor.csrf, format: 'wxr' }, fixture('isso-wordpress.xml'))).statusCode, 403);
  const admin = await site.signIn('admin');
  assert.equal((await upload(site, admin, { format: 'wxr' }, fixture('isso-wordpress.xml'))).statusCode, 403);
  const malformed = await upload(site, admin, { _csrf: admin.csrf, format: 'wxr' }, fixture('wordpress-importer-malformed.xml'));
  assert.equal(malformed.statusCode, 422);
  assert.match(malformed.body, /line 90: unexpected close tag/);
  assert.equal((await site.dateline.stores.articles.listForDesk({ limit: 1, offset: 0 })).length, 0);
});

test('dateline import prints the report, refuses a malformed file with its line, and dateline export writes both formats', async (t) => {
  const env = siteEnv(t, await freshDatabaseUrl(t, testDialect), { DATELINE_SECRET: 'cli-secret-cli-secret-cli-secret' });
  const imported = runCli(env, 'import', 'wxr', fixture('isso-wordpress.xml'));
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /created: 3 articles, 8 comments, 0 pingbacks, 0 trackbacks, 1 staff, 4 old addresses/);
  assert.equal(imported.err, '', 'no progress bar when standard error is not a terminal');
  const again = runCli(env, 'import', 'wxr', fixture('isso-wordpress.xml'));
  assert.match(again.out, /already imported \(left as they are\): 3 articles, 8 comments/);
  const malformed = runCli(env, 'import', 'wxr', fixture('wordpress-importer-malformed.xml'));
  assert.equal(malformed.code, 1);
  assert.match(malformed.err, /wordpress-importer-malformed\.xml: line 90: unexpected close tag\.; nothing was imported/);

  const wxrFile = join(env.DATELINE_DATA_DIR!, 'site.xml');
  assert.equal(runCli(env, 'export', 'wxr', '-o', wxrFile).code, 0);
  const wxr = readFileSync(wxrFile, 'utf8');
  assert.match(wxr, /<wp:wxr_version>1\.2<\/wp:wxr_version>/);
  assert.equal(wxr.match(/<wp:comment>/g)?.length, 8);
  const json = runCli(env, 'export', 'json');
  assert.equal(json.code, 0, json.err);
  const records = json.out.trim().split('\n').map((line) => JSON.parse(line) as { type: string });
  assert.equal(records[0]!.type, 'dateline-export');
  assert.equal(records.filter((r) => r.type === 'comment').length, 8);
  assert.equal(runCli(env, 'export', 'wxr', '-o', wxrFile).code, 1, 'an existing file is not overwritten');
  assert.ok(existsSync(wxrFile));
});
