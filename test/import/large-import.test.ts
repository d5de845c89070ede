// A generated WordPress export of 100,000 comments imports in one streamed pass: every comment,
// every status, every reply linked to its parent (also those read before it). Its time and
// memory are measured by `npm run bench:import` (BENCHMARKS.md), not asserted here.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp } from '../support/build-test-app.ts';
import { generateWxr } from '../support/wxr-generator.ts';

test('imports a file of 100,000 comments with their statuses and threads', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-large-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'large.xml');
  const generated = await generateWxr(file, 100, 1000);
  const site = await buildTestApp(t);
  const report = await site.dateline.services.importFile({ format: 'wxr', file });
  assert.equal(report.created.articles, 100);
  assert.equal(report.created.comments, 100_000);
  assert.deepEqual(report.statuses, generated.byStatus);
  assert.equal(report.orphans, 0);
  const db = site.dateline.database.db;
  const replies = await db.selectFrom('comments').select(sql<number>`count(*)`.as('n')).where('parent_id', 'is not', null).executeTakeFirst();
  assert.equal(Number(replies?.n), generated.replies);
  const wrongArticle = await db
    .selectFrom('comments as c')
    .innerJoin('comments as p', 'p.id', 'c.parent_id')
    .select(sql<number>`count(*)`.as('n'))
    .where((eb) => eb('c.article_id', '!=', eb.ref('p.article_id')))
    .executeTakeFirst();
  assert.equal(Number(wrongArticle?.n), 0, 'every reply is on its parent’s article');
  const pending = await db.selectFrom('import_pending_parents').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  assert.equal(Number(pending?.n), 0);
});
