// Every file in shared/fixtures/import/ imported into a fresh site, on the dialect of the run
// (TEST_DIALECT): the expected reports were counted by reading the files, not from the code.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';
import type { ImportReport } from '../../src/import/import-report.ts';
import type { ImportRequest } from '../../src/import/site-import.ts';

const fixture = (name: string) => new URL(`../../../shared/fixtures/import/${name}`, import.meta.url).pathname;

const none = { staff: 0, articles: 0, comments: 0, pingbacks: 0, trackbacks: 0, redirects: 0 };
const noStatuses = { approved: 0, pending: 0, spam: 0, trash: 0 };

async function importFixture(site: TestApp, name: string, format: ImportRequest['format'], options: Partial<ImportRequest> = {}): Promise<ImportReport> {
  return site.dateline.services.importFile({ format, file: fixture(name), ...options });
}

const reasons = (r: ImportReport) => Object.fromEntries(r.skipped.map((s) => [s.reason, s.count]));

test('imports the WordPress importer’s WXR 1.0 file: posts and pages as articles, its one comment, the creator as staff', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'wordpress-importer-valid-wxr-1.0.xml', 'wxr');
  // 3 posts (1, 4, 6) and 3 pages (2, 8, 10); /?p= for each, /?page_id= for each page.
  assert.deepEqual(report.created, { ...none, staff: 1, articles: 6, comments: 1, redirects: 9 });
  assert.deepEqual(report.statuses, { ...noStatuses, approved: 1 });
  assert.equal(report.sections, 3); // Uncategorized, alpha, child
  assert.equal(report.tags, 4); // news, roar, chicken, face
  assert.deepEqual(report.skipped, []);
  const alpha = await site.dateline.stores.articles.findBySlug('alpha-post');
  assert.equal(alpha?.section, 'alpha');
  assert.deepEqual(alpha?.tags, ['news', 'roar']);
  // "Child page" has the slug of "Child post": it gets the next free one.
  assert.equal((await site.dateline.stores.articles.findBySlug('child-post-2'))?.title, 'Child page');
});

test('imports the WXR 1.1 file: a post with its comment, a page, and the declared author', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'wordpress-importer-valid-wxr-1.1.xml', 'wxr');
  assert.deepEqual(report.created, { ...none, staff: 1, articles: 2, comments: 1, redirects: 3 });
  assert.equal(report.sections, 1);
  assert.equal(report.tags, 1); // Clippable; the post_tax term is not a tag
  const staff = await site.dateline.stores.staff.findByEmail('johndoe@example.org');
  assert.equal(staff?.name, 'John Doe');
  assert.equal(staff?.passwordHash, '', 'an imported author has no password until they reset it');
  const hello = await site.dateline.stores.articles.findBySlug('hello-world');
  assert.equal(hello?.byline, 'John Doe');
  assert.equal(hello?.publishedAt.toISOString(), '2010-10-16T20:53:18.000Z');
});

test('imports the UTF-8 challenges file with its text intact and an author without a usable email', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'wordpress-importer-wxr-utf-8-challenges.xml', 'wxr');
  assert.deepEqual(report.created, { ...none, staff: 1, articles: 1, redirects: 1 });
  assert.equal(report.sections, 1);
  const [article] = await site.dateline.stores.articles.listForDesk({ limit: 5, offset: 0 });
  assert.match(article!.title, /The Road ‮Not‬ Taken/);
  assert.match(article!.bodyMarkdown, /السلام عليكم/);
  assert.doesNotMatch(article!.bodyHtml, /wp:paragraph/, 'block comments are not kept');
  assert.ok(await site.dateline.stores.staff.findByEmail('admin@imported-author.invalid'));
});

test('imports the crazy-CDATA file, whose nested CDATA WordPress’s own importer reads', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'wordpress-importer-crazy-cdata.xml', 'wxr');
  assert.deepEqual(report.created, { ...none, staff: 1, articles: 1, redirects: 1 });
  assert.match((await site.dateline.stores.articles.findBySlug('hello-world'))!.bodyHtml, /Content with nested/);
});

test('imports isso’s WordPress file: threads, trimmed emails, items known only by their ?p= link', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'isso-wordpress.xml', 'wxr');
  // Post 18 (7 comments), the item at ?p=4 (1 comment, whose id 11 repeats one of post 18's), ?p=6.
  assert.deepEqual(report.created, { ...none, staff: 1, articles: 3, comments: 8, redirects: 4 });
  assert.deepEqual(report.statuses, { ...noStatuses, approved: 8 });
  const test18 = await site.dateline.stores.articles.findBySlug('test');
  const comments = await site.dateline.stores.comments.listForArticle({ articleId: test18!.id, statuses: ['approved'] });
  const byText = (text: string) => comments.find((c) => c.bodyText === text)!;
  assert.equal(byText('Drölfter!').parentId, byText('Zweiter.').id);
  assert.equal(byText('Yet another reply.').parentId, byText('Drölfter!').id);
  assert.equal(byText('Erster!1').authorEmail, 'test@example.org');
  assert.equal(byText('Erster!1').createdAt.toISOString(), '2014-01-14T17:32:12.000Z');
  assert.equal(byText('When you have a comment with multiple lines:\nWordPress exports it like this.').createdAt.toISOString(), '2022-06-06T02:13:14.000Z', 'the GMT date, not the local one');
});

test('imports the theme unit test data: posts and pages, pingbacks and trackbacks, attachments and menus skipped', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'wptt-themeunittestdata.wordpress.xml', 'wxr');
  // 58 posts + 21 pages (77 publish, 1 future, 1 draft); authors themedemos, themereviewteam and
  // the undeclared creator ">themereviewteam"; 28 + 1 comments, 2 pingbacks, 2 trackbacks.
  assert.deepEqual(report.created, { staff: 3, articles: 79, comments: 29, pingbacks: 2, trackbacks: 2, redirects: 178 });
  assert.deepEqual(report.statuses, { ...noStatuses, approved: 30, pending: 3 });
  assert.equal(report.sections, 4);
  assert.equal(report.tags, 77);
  assert.deepEqual(reasons(report), { 'WordPress attachment items are not articles': 37, 'WordPress nav_menu_item items are not articles': 70 });
  const drafts = await site.dateline.database.db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).where('status', '=', 'draft').executeTakeFirst();
  assert.equal(Number(drafts?.n), 1, 'the draft stays a draft');
  const kinds = await site.dateline.database.db.selectFrom('comments').select(['kind', sql<number>`count(*)`.as('n')]).groupBy('kind').orderBy('kind').execute();
  assert.deepEqual(kinds.map((k) => [k.kind, Number(k.n)]), [['comment', 29], ['pingback', 2], ['trackback', 2]]);
});

test('leaves pingbacks and trackbacks out with --skip-pings', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'wptt-themeunittestdata.wordpress.xml', 'wxr', { skipPings: true });
  assert.equal(report.created.comments, 29);
  assert.equal(report.created.pingbacks + report.created.trackbacks, 0);
  assert.equal(reasons(report)['pingbacks (--skip-pings)'], 2);
  assert.equal(reasons(report)['trackbacks (--skip-pings)'], 2);
});

test('imports isso’s Disqus file with --create-stubs: threads as articles, deleted posts in trash, replies threaded', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'isso-disqus.xml', 'disqus', { createStubs: true });
  // Threads 2 and 7 (3 has no link); posts 4, 5, 8, 9 (deleted), 11; post 6's thread 1337 is not in the file.
  assert.deepEqual(report.created, { ...none, articles: 2, comments: 5, redirects: 2 });
  assert.deepEqual(report.statuses, { ...noStatuses, approved: 4, trash: 1 });
  assert.deepEqual(reasons(report), { 'a thread without a link': 1, 'a post whose thread was not imported': 1 });
  const all = await site.dateline.stores.comments.list({ limit: 10 });
  const deleted = all.find((c) => c.status === 'trash')!;
  assert.equal(all.find((c) => c.parentId === deleted.id)?.bodyText, 'Hello, World.', 'a reply to a deleted post keeps its place');
});

test('without --create-stubs, Disqus threads that match no article are reported, not invented', async (t) => {
  const site = await buildTestApp(t);
  const report = await importFixture(site, 'isso-disqus.xml', 'disqus');
  assert.deepEqual(report.created, none);
  assert.equal(reasons(report)['no article at the thread’s address (--create-stubs makes one)'], 2);
  assert.equal(reasons(report)['a post whose thread was not imported'], 6);
});

test('refuses remark42’s Disqus file, which is not well-formed XML, at line 1', async (t) => {
  const site = await buildTestApp(t);
  await assert.rejects(importFixture(site, 'remark42-disqus.xml', 'disqus', { createStubs: true }), { name: 'Error', line: 1, reason: 'text data outside of root node.' });
});
