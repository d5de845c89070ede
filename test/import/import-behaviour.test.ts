// What an import promises beyond one file's contents: a second run adds nothing, a malformed
// file changes nothing and says where and why, old addresses answer 301, Disqus threads find
// the articles a WordPress import brought, and imported IPs respect the retention period.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';
import { articlePath } from '../../src/domain/article.ts';
import { generateWxr } from '../support/wxr-generator.ts';

const fixture = (name: string) => new URL(`../../../shared/fixtures/import/${name}`, import.meta.url).pathname;

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-import-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Rows in every table an import writes. */
async function rowCounts(site: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['articles', 'comments', 'staff', 'tags', 'article_tags', 'article_revisions', 'import_sources', 'import_pending_parents', 'old_urls'] as const) {
    const row = await site.dateline.database.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    counts[table] = Number(row?.n);
  }
  return counts;
}

test('a second run of the same file adds nothing and says it found everything already imported', async (t) => {
  const site = await buildTestApp(t);
  await site.dateline.services.importFile({ format: 'wxr', file: fixture('wptt-themeunittestdata.wordpress.xml') });
  const before = await rowCounts(site);
  const again = await site.dateline.services.importFile({ format: 'wxr', file: fixture('wptt-themeunittestdata.wordpress.xml') });
  assert.deepEqual(again.created, { staff: 0, articles: 0, comments: 0, pingbacks: 0, trackbacks: 0, redirects: 0 });
  // The two declared authors (the third was only an article's creator, and no article is read again).
  assert.deepEqual(again.alreadyImported, { staff: 2, articles: 79, comments: 33 });
  assert.deepEqual(await rowCounts(site), before);
});

test('a malformed file fails with its line and reason and leaves the site as it was', async (t) => {
  const site = await buildTestApp(t);
  await site.dateline.services.importFile({ format: 'wxr', file: fixture('wordpress-importer-valid-wxr-1.1.xml') });
  const before = await rowCounts(site);
  await assert.rejects(site.dateline.services.importFile({ format: 'wxr', file: fixture('wordpress-importer-malformed.xml') }), { line: 90, reason: 'unexpected close tag.' });
  assert.deepEqual(await rowCounts(site), before);
});

test('a file cut off after thousands of comments were written leaves none of them behind', async (t) => {
  const site = await buildTestApp(t);
  const file = join(tempDir(t), 'cut.xml');
  await generateWxr(file, 3, 1000);
  const { readFileSync } = await import('node:fs');
  const whole = readFileSync(file, 'utf8');
  writeFileSync(file, whole.slice(0, Math.floor(whole.length * 0.9)));
  const lines = whole.slice(0, Math.floor(whole.length * 0.9)).split('\n').length;
  const before = await rowCounts(site);
  await assert.rejects(site.dateline.services.importFile({ format: 'wxr', file }), (e: { line: number; reason: string }) => e.line === lines && /unclosed|unexpected end/i.test(e.reason));
  assert.deepEqual(await rowCounts(site), before);
});

test('a file that is not a WordPress export is refused at its first element', async (t) => {
  const site = await buildTestApp(t);
  await assert.rejects(site.dateline.services.importFile({ format: 'wxr', file: fixture('isso-disqus.xml') }), { line: 7, reason: 'this is not a WordPress export (the document is <disqus>, not <rss>)' });
});

test('old WordPress addresses answer 301 with the article’s address, unknown ones stay 404', async (t) => {
  const site = await buildTestApp(t);
  await site.dateline.services.importFile({ format: 'wxr', file: fixture('isso-wordpress.xml') });
  const article = await site.dateline.stores.articles.findBySlug('test');
  const path = articlePath(article!);
  for (const old of ['/?p=18', '/2014/test/', '/2014/test', '/?p=18&utm_source=feed']) {
    const res = await site.app.inject({ method: 'GET', url: old });
    assert.equal(res.statusCode, 301, old);
    assert.equal(res.headers.location, path, old);
  }
  assert.equal((await site.app.inject({ method: 'GET', url: '/?p=999' })).statusCode, 200, 'an unknown ?p= is the front page');
  assert.equal((await site.app.inject({ method: 'GET', url: '/2014/nothing/' })).statusCode, 404);
  assert.equal((await site.app.inject({ method: 'GET', url: path })).statusCode, 200);
});

test('an old address of a draft does not reveal it', async (t) => {
  const site = await buildTestApp(t);
  await site.dateline.services.importFile({ format: 'wxr', file: fixture('wptt-themeunittestdata.wordpress.xml') });
  const draft = await site.dateline.database.db.selectFrom('old_urls as o').innerJoin('articles as a', 'a.id', 'o.article_id').select('o.path').where('a.status', '=', 'draft').where('o.path', 'like', '/?p=%').executeTakeFirstOrThrow();
  assert.equal((await site.app.inject({ method: 'GET', url: draft.path })).statusCode, 200, 'the front page, not a redirect');
});

test('Disqus threads are matched to articles by their old WordPress address and by their Dateline address', async (t) => {
  const site = await buildTestApp(t);
  await site.dateline.services.importFile({ format: 'wxr', file: fixture('isso-wordpress.xml') });
  const test18 = await site.dateline.stores.articles.findBySlug('test');
  const { article: own } = await site.publishSeedArticle();
  const file = join(tempDir(t), 'disqus.xml');
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="10"><link>https://example.tld/2014/test/</link><title>Hello</title><createdAt>2014-01-14T17:31:03Z</createdAt></thread>
  <thread dsq:id="11"><link>https://news.example${articlePath(own)}</link><title>Seed</title><createdAt>2026-11-01T00:00:00Z</createdAt></thread>
  <post dsq:id="100"><message><![CDATA[<p>Matched by the old address.</p>]]></message><createdAt>2014-02-01T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Ann</name><email>ann@example.org</email><isAnonymous>false</isAnonymous></author><ipAddress>198.51.100.7</ipAddress><thread dsq:id="10"/></post>
  <post dsq:id="101"><message><![CDATA[<p>A reply, anonymous.</p>]]></message><createdAt>2014-02-01T11:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><isAnonymous>true</isAnonymous></author><thread dsq:id="10"/><parent dsq:id="100"/></post>
  <post dsq:id="102"><message><![CDATA[<p>Buy now</p>]]></message><createdAt>2026-11-20T11:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>true</isSpam><author><name>Spammer</name><email>s@spam.example</email></author><ipAddress>203.0.113.9</ipAddress><thread dsq:id="11"/></post>
</disqus>`,
  );
  const report = await site.dateline.services.importFile({ format: 'disqus', file });
  assert.deepEqual(report.created, { staff: 0, articles: 0, comments: 3, pingbacks: 0, trackbacks: 0, redirects: 0 });
  assert.deepEqual(report.statuses, { approved: 2, pending: 0, spam: 1, trash: 0 });
  const onTest = await site.dateline.stores.comments.listForArticle({ articleId: test18!.id, statuses: ['approved'] });
  const ann = onTest.find((c) => c.authorName === 'Ann')!;
  const anonymous = onTest.find((c) => c.authorName === 'Anonymous')!;
  assert.equal(anonymous.parentId, ann.id);
  assert.equal(anonymous.authorEmail, '');
  const onOwn = await site.dateline.stores.comments.listForArticle({ articleId: own.id, statuses: ['spam'] });
  assert.equal(onOwn[0]?.authorName, 'Spammer');
  // Within the retention period the IP is kept whole; older ones only as their network.
  assert.equal(await site.dateline.stores.comments.ipOf(onOwn[0]!.id), '203.0.113.9');
  assert.equal(await site.dateline.stores.comments.ipOf(ann.id), '198.51.100.0');
});

test('an import drops the cached pages, so the imported comments show at once', async (t) => {
  const site = await buildTestApp(t);
  const { article, path } = await site.publishSeedArticle();
  const first = await site.app.inject({ method: 'GET', url: path });
  assert.doesNotMatch(first.body, /Imported hello/);
  const file = join(tempDir(t), 'one.xml');
  writeFileSync(file, `<?xml version="1.0"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="1"><link>${path}</link></thread><post dsq:id="2"><message>Imported hello</message><createdAt>2026-11-28T10:00:00Z</createdAt><author><name>Bo</name></author><thread dsq:id="1"/></post></disqus>`);
  await site.dateline.services.importFile({ format: 'disqus', file });
  assert.equal((await site.dateline.stores.comments.listForArticle({ articleId: article.id, statuses: ['approved'] })).length, 1);
  assert.match((await site.app.inject({ method: 'GET', url: path })).body, /Imported hello/);
});
