// Export → import into an empty site → the same site: articles (every field, tags, byline),
// comments (author, email, website, IP, text, kind, status, date) and their threads, in both
// export formats. WXR dates have whole seconds, so they are compared to the second.

import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { test, type TestContext } from 'node:test';
import { buildTestApp, commentForm, type TestApp } from '../support/build-test-app.ts';
import { exportJson } from '../../src/import/export-json.ts';
import { exportWxr } from '../../src/import/export-wxr.ts';
import { commentId } from '../../src/domain/ids.ts';

const fixture = (name: string) => new URL(`../../../shared/fixtures/import/${name}`, import.meta.url).pathname;

/** A site with WordPress's test data, a comment posted here, and a comment in every status. */
async function richSite(t: TestContext): Promise<TestApp> {
  const site = await buildTestApp(t);
  await site.dateline.services.importFile({ format: 'wxr', file: fixture('wptt-themeunittestdata.wordpress.xml') });
  await site.dateline.services.importFile({ format: 'disqus', file: fixture('isso-disqus.xml'), createStubs: true });
  const { article } = await site.publishSeedArticle();
  await site.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'Posted *here*, with <b>markup</b> & an ampersand.' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const [a, b] = await site.dateline.stores.comments.list({ limit: 2 });
  await site.dateline.stores.comments.setStatus({ id: commentId(a!.id), status: 'spam', at: site.clock.now() });
  await site.dateline.stores.comments.setStatus({ id: commentId(b!.id), status: 'trash', at: site.clock.now() });
  return site;
}

/** The site as comparable data: articles by slug, each with its comments in order and parents as positions. */
async function snapshot(site: TestApp, precisionMs: number) {
  const source = site.dateline.stores.imports;
  const time = (d: Date) => Math.floor(d.getTime() / precisionMs);
  const staff = new Map((await source.staff()).map((s) => [s.id, `${s.name} <${s.email}>`]));
  const articles = await source.articles({ afterId: 0, limit: 10_000 });
  return Object.fromEntries(
    await Promise.all(
      articles.map(async (a) => {
        const comments = await source.comments({ articleId: a.id, afterId: 0, limit: 10_000 });
        const position = new Map(comments.map((c, i) => [c.id, i]));
        return [
          a.slug,
          {
            title: a.title, section: a.section, summary: a.summary, bodyMarkdown: a.bodyMarkdown, bodyHtml: a.bodyHtml, status: a.status,
            commentsOpen: a.commentsOpen, publishedAt: time(a.publishedAt), tags: a.tags, byline: a.authorStaffId === null ? null : staff.get(a.authorStaffId),
            comments: comments.map((c) => ({
              parent: c.parentId === null ? null : position.get(c.parentId), kind: c.kind, status: c.status, authorName: c.authorName, authorEmail: c.authorEmail,
              authorUrl: c.authorUrl, ip: c.ip, bodyText: c.bodyText, bodyHtml: c.bodyHtml, createdAt: time(c.createdAt),
            })),
          },
        ];
      }),
    ),
  );
}

async function exportTo(t: TestContext, site: TestApp, format: 'wxr' | 'json'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-export-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, `site.${format}`);
  const out = createWriteStream(file);
  const now = site.clock.now();
  if (format === 'wxr') await exportWxr(site.dateline.stores.imports, { name: 'Round trip', url: 'https://news.example', language: 'en-US', now }, out);
  else await exportJson(site.dateline.stores.imports, { url: 'https://news.example', now }, out);
  out.end();
  await finished(out);
  return file;
}

for (const format of ['wxr', 'json'] as const) {
  test(`a ${format.toUpperCase()} export imported into an empty site gives the same articles, comments, threads and statuses`, async (t) => {
    const original = await richSite(t);
    const file = await exportTo(t, original, format);
    const copy = await buildTestApp(t);
    const report = await copy.dateline.services.importFile({ format, file });
    assert.deepEqual(report.skipped, []);
    assert.equal(report.orphans, 0);
    const precision = format === 'wxr' ? 1000 : 1;
    const [expected, actual] = [await snapshot(original, precision), await snapshot(copy, precision)];
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
    for (const slug of Object.keys(expected)) assert.deepEqual(actual[slug], expected[slug], slug);
    const again = await copy.dateline.services.importFile({ format, file });
    assert.equal(again.created.articles + again.created.comments, 0, 'and importing it twice adds nothing');
  });
}
