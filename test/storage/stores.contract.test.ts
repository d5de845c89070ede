// The storage contract, run once per dialect: the same behaviour from SQLite and PostgreSQL
// through the one set of Sql* stores.

import { describe, it, before, after } from 'node:test';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { AppError } from '../../src/domain/errors.ts';
import { articleId, commentId, type ArticleId } from '../../src/domain/ids.ts';
import { trustHtml } from '../../src/domain/trusted-html.ts';
import type { NewComment } from '../../src/comments/comment-store.ts';
import { openDatabase, type OpenDatabase } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { createSqlStores, createTransact } from '../../src/storage/sql-stores.ts';
import { translateDbError } from '../../src/storage/translate-db-error.ts';
import { freshDatabaseUrl, postgresAvailable, type DialectName } from '../support/dialects.ts';

const dialects: DialectName[] = ['sqlite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];
if (!dialects.includes('postgres')) console.log('# PostgreSQL does not answer: its contract run is skipped (CI requires it)');

const now = () => new Date('2026-11-29T12:00:00.123Z');
const writerScript = fileURLToPath(new URL('../support/concurrent-writer.ts', import.meta.url));

/** Runs test/support/concurrent-writer.ts in its own process; resolves with what it printed. */
function writer(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', writerScript, ...args], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

for (const dialect of dialects) {
  describe(`${dialect}: storage contract`, () => {
    let database: OpenDatabase;
    let stores: ReturnType<typeof createSqlStores>;
    let url: string;
    const cleanups: (() => unknown)[] = [];
    const t = { after: (fn: () => unknown) => void cleanups.push(fn) } as Pick<TestContext, 'after'>;

    before(async () => {
      url = await freshDatabaseUrl(t, dialect);
      database = openDatabase(url);
      await migrateToLatest(database.db, database.dialect);
      stores = createSqlStores(database.db, database.dialect, now);
    });
    after(async () => {
      await database.close();
      for (const fn of cleanups.reverse()) await fn();
    });

    let slugN = 0;
    async function anArticle(changes: { publishedAt?: Date; status?: 'published' | 'draft' } = {}): Promise<ArticleId> {
      const { article } = await stores.articles.saveBySlug({
        slug: `story-${dialect}-${++slugN}`,
        title: `Story ${slugN}`,
        section: null,
        summary: null,
        bodyMarkdown: 'x',
        bodyHtml: trustHtml('<p>x</p>'),
        status: changes.status ?? 'published',
        publishedAt: changes.publishedAt ?? new Date('2026-11-25T09:00:00Z'),
        commentsOpen: true,
      });
      return article.id;
    }
    const aComment = (article: ArticleId, changes: Partial<NewComment> = {}): NewComment => ({
      articleId: article,
      parentId: null,
      authorName: 'Ada',
      authorEmail: 'ada@example.com',
      authorUrl: null,
      bodyText: 'hello',
      bodyHtml: trustHtml('<p>hello</p>'),
      status: 'approved',
      reasons: [],
      ip: '192.0.2.1',
      ipHash: 'hash-1',
      userAgent: 'ua',
      createdAt: new Date('2026-11-29T10:00:00.007Z'),
      ...changes,
    });

    it('round-trips times to the millisecond and reasons as data', async () => {
      const a = await anArticle({ publishedAt: new Date('2026-11-25T09:00:00.999Z') });
      const article = await stores.articles.findById(a);
      assert.equal(article?.publishedAt.toISOString(), '2026-11-25T09:00:00.999Z');
      assert.equal(article?.updatedAt.toISOString(), '2026-11-29T12:00:00.123Z');
      const c = await stores.comments.insert(aComment(a, { status: 'pending', reasons: [{ check: 'x', code: 'y', detail: 'z “quoted”' }] }));
      const back = await stores.comments.findById(c.id);
      assert.equal(back?.createdAt.toISOString(), '2026-11-29T10:00:00.007Z');
      assert.deepEqual(back?.reasons, [{ check: 'x', code: 'y', detail: 'z “quoted”' }]);
      assert.equal(typeof back?.id, 'number');
      assert.equal(typeof back?.articleId, 'number');
    });

    it('orders an article’s comments oldest first, then by id, and adds the requested own ids', async () => {
      const a = await anArticle();
      const t0 = Date.parse('2026-11-29T10:00:00Z');
      const late = await stores.comments.insert(aComment(a, { createdAt: new Date(t0 + 2000), bodyText: 'late' }));
      const early = await stores.comments.insert(aComment(a, { createdAt: new Date(t0), bodyText: 'early' }));
      const tie = await stores.comments.insert(aComment(a, { createdAt: new Date(t0), bodyText: 'tie' }));
      const held = await stores.comments.insert(aComment(a, { createdAt: new Date(t0 + 1000), status: 'pending', bodyText: 'held' }));
      await stores.comments.insert(aComment(a, { status: 'spam', bodyText: 'spam' }));
      const approved = await stores.comments.listForArticle({ articleId: a, statuses: ['approved'] });
      assert.deepEqual(approved.map((c) => c.bodyText), ['early', 'tie', 'late']);
      assert.ok(early.id < tie.id);
      const withOwn = await stores.comments.listForArticle({ articleId: a, statuses: ['approved'], alsoIds: [held.id] });
      assert.deepEqual(withOwn.map((c) => c.bodyText), ['early', 'tie', 'held', 'late']);
      assert.ok(late.id > 0);
      // Outlines: the same comments in the same order, without their text; full rows by id.
      const outline = await stores.comments.listOutline({ articleId: a, statuses: ['approved'], alsoIds: [held.id] });
      assert.deepEqual(outline.map((c) => [c.id, c.status, c.createdAt.getTime()]), withOwn.map((c) => [c.id, c.status, c.createdAt.getTime()]));
      const byIds = await stores.comments.findByIds([late.id, held.id, 999_999 as typeof held.id]);
      assert.deepEqual(byIds.map((c) => c.bodyText).sort(), ['held', 'late']);
      assert.deepEqual(await stores.comments.findByIds([]), []);
    });

    it('pages through comments newest first with a keyset cursor', async () => {
      const a = await anArticle();
      for (let i = 0; i < 5; i++) await stores.comments.insert(aComment(a, { status: 'trash', bodyText: `page ${i}` }));
      const first = await stores.comments.list({ status: 'trash', limit: 2 });
      const second = await stores.comments.list({ status: 'trash', limit: 2, before: first.at(-1)!.id });
      const third = await stores.comments.list({ status: 'trash', limit: 2, before: second.at(-1)!.id });
      assert.deepEqual([...first, ...second, ...third].map((c) => c.bodyText), ['page 4', 'page 3', 'page 2', 'page 1', 'page 0']);
    });

    it('lists the latest public articles with approved counts, and finds the next scheduled one', async () => {
      const a = await anArticle({ publishedAt: new Date('2026-11-28T00:00:00Z') });
      await anArticle({ publishedAt: new Date('2026-12-24T00:00:00Z') });
      await anArticle({ publishedAt: new Date('2026-12-01T00:00:00Z') });
      await stores.comments.insert(aComment(a));
      await stores.comments.insert(aComment(a, { bodyText: 'other' }));
      await stores.comments.insert(aComment(a, { status: 'pending', bodyText: 'held' }));
      const latest = await stores.articles.listLatest({ now: now(), limit: 1 });
      assert.equal(latest[0]?.article.id, a);
      assert.equal(latest[0]?.approvedComments, 2);
      assert.equal((await stores.articles.nextPublicationAfter(now()))?.toISOString(), '2026-12-01T00:00:00.000Z');
    });

    it('turns a unique violation into a Conflict', async () => {
      await database.db.insertInto('settings').values({ key: 'dup', value: '1' }).execute();
      await assert.rejects(
        database.db
          .insertInto('settings')
          .values({ key: 'dup', value: '2' })
          .execute()
          .catch((e: unknown) => {
            throw translateDbError(e);
          }),
        (e: unknown) => e instanceof AppError && e.kind === 'Conflict',
      );
      await assert.rejects(
        stores.comments.insert(aComment(articleId(999_999))),
        (e: unknown) => e instanceof Error, // a missing article is refused by the foreign key
      );
    });

    it('rolls a transaction back when its work throws', async () => {
      const a = await anArticle();
      const transact = createTransact(database, now);
      await assert.rejects(
        transact(async ({ comments, moderationLog }) => {
          const c = await comments.insert(aComment(a, { bodyText: 'rolled back' }));
          await moderationLog.append({ commentId: c.id, action: 'approve', actor: 't', reason: null, fromStatus: 'pending', toStatus: 'approved', at: now() });
          throw new Error('boom');
        }),
        /boom/,
      );
      const left = await stores.comments.listForArticle({ articleId: a, statuses: ['approved', 'pending'] });
      assert.deepEqual(left, []);
    });

    it('keeps counts consistent when two processes post to one thread at once', async () => {
      const a = await anArticle();
      const perWriter = 25;
      await Promise.all(['one', 'two', 'three'].map((who) => writer(url, 'post', String(a), who, String(perWriter))));
      const all = await stores.comments.listForArticle({ articleId: a, statuses: ['approved'] });
      assert.equal(all.length, 3 * perWriter);
      assert.equal(new Set(all.map((c) => c.id)).size, 3 * perWriter);
      const summaries = await stores.articles.listLatest({ now: new Date('2026-11-25T09:00:01Z'), limit: 100 });
      assert.equal(summaries.find((s) => s.article.id === a)?.approvedComments, 3 * perWriter);
    });

    it('lets exactly one of several processes claim a due job', async () => {
      const at = Date.parse('2026-11-29T12:00:00Z');
      const claims = await Promise.all([1, 2, 3, 4].map(() => writer(url, 'claim', 'contract-job', String(at))));
      assert.equal(claims.filter((c) => c === 'true').length, 1, claims.join(','));
      assert.equal(await stores.jobs.claim({ name: 'contract-job', intervalMs: 60_000, now: new Date(at + 59_999) }), false);
      assert.equal(await stores.jobs.claim({ name: 'contract-job', intervalMs: 60_000, now: new Date(at + 60_000) }), true);
    });

    it('finds duplicates and the last comment by IP hash or email, and counts approved by author', async () => {
      const a = await anArticle();
      const base = aComment(a, { authorEmail: 'dup@example.com', ipHash: 'ip-dup', bodyText: 'same words' });
      await stores.comments.insert(base);
      const draft = { articleId: a, parentId: null, authorName: 'Ada', authorEmail: 'dup@example.com', authorUrl: null, bodyText: 'same words' };
      assert.equal(await stores.comments.existsDuplicate(draft), true);
      assert.equal(await stores.comments.existsDuplicate({ ...draft, bodyText: 'other words' }), false);
      const since = new Date('2026-11-29T09:00:00Z');
      assert.equal((await stores.comments.lastCommentAt({ ipHash: 'ip-dup', email: 'x@example.com', since }))?.toISOString(), '2026-11-29T10:00:00.007Z');
      assert.equal((await stores.comments.lastCommentAt({ ipHash: 'nope', email: 'dup@example.com', since }))?.toISOString(), '2026-11-29T10:00:00.007Z');
      assert.equal(await stores.comments.lastCommentAt({ ipHash: 'nope', email: 'nope@example.com', since }), null);
      assert.equal(await stores.comments.countApprovedByAuthor({ name: 'Ada', email: 'dup@example.com' }), 1);
      await stores.comments.setStatus({ id: commentId((await stores.comments.list({ limit: 1 }))[0]!.id), status: 'trash', at: now() });
      assert.equal(await stores.comments.existsDuplicate(draft), false, 'a trashed comment is no duplicate');
    });

    it('keeps the Discussion settings over their defaults', async () => {
      const saved = await stores.settings.saveDiscussion({ maxLinks: 4, moderationWords: ['a', 'b'] });
      assert.equal(saved.maxLinks, 4);
      const read = await stores.settings.discussion();
      assert.deepEqual(read.moderationWords, ['a', 'b']);
      assert.equal(read.threadDepth, 5);
    });
  });
}
