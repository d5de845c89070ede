// A separate process that writes to a test database, so contract tests can race real
// connections (two SQLite connections in one thread would only wait on each other).
//   concurrent-writer.ts URL post ARTICLE_ID WHO COUNT   → inserts COUNT comments, one transaction each
//   concurrent-writer.ts URL claim JOB AT_MS             → prints "true" or "false"

import { trustHtml } from '../../src/domain/trusted-html.ts';
import { articleId } from '../../src/domain/ids.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { createSqlStores, createTransact } from '../../src/storage/sql-stores.ts';

const [url, mode, ...args] = process.argv.slice(2);
const database = openDatabase(url!);
const now = () => new Date('2026-11-29T12:00:00Z');
try {
  if (mode === 'post') {
    const [article, who, count] = args;
    const transact = createTransact(database, now);
    await Promise.all(
      Array.from({ length: Number(count) }, (_, i) =>
        transact(async ({ comments }) => {
          await comments.lockCommenter({ ipHash: `h-${who}`, email: `${who}@example.com` });
          await comments.insert({
            articleId: articleId(Number(article)), parentId: null, authorName: who!, authorEmail: `${who}@example.com`, authorUrl: null,
            bodyText: `${who} ${i}`, bodyHtml: trustHtml('<p>x</p>'), status: 'approved', reasons: [], ip: '192.0.2.1', ipHash: `h-${who}`, userAgent: 'ua', createdAt: now(),
          });
        }),
      ),
    );
  } else if (mode === 'claim') {
    const [job, at] = args;
    const stores = createSqlStores(database.db, database.dialect, now);
    process.stdout.write(String(await stores.jobs.claim({ name: job!, intervalMs: 60_000, now: new Date(Number(at)) })));
  }
} finally {
  await database.close();
}
