// `npm run bench:queue`: the moderation queue on a table of a million comments (SQLite, the
// embedded default). Fills a fresh database directly (one transaction, prepared statements),
// then times the queue pages moderators open, through the real app (signed in, app.inject).
//   BENCH_QUEUE_ROWS  rows to insert (default 1,000,000)   BENCH_QUEUE_RUNS  timed runs per page (default 30)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { createDateline } from '../src/main.ts';
import { testConfig } from '../test/support/build-test-app.ts';

const rows = Number(process.env.BENCH_QUEUE_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_QUEUE_RUNS ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'dateline-queue-'));
const config = { ...testConfig(dir), logLevel: 'silent' };

try {
  const setup = await createDateline(config); // migrates
  const { article } = await setup.services.publishArticle({ title: 'A busy story', slug: 'busy', section: null, summary: null, publishedAt: new Date('2026-01-01T00:00:00Z'), commentsOpen: true, status: 'published', bodyMarkdown: 'Busy.' } as never);
  const admin = await setup.services.addStaff.addStaff({ email: 'admin@newsroom.example', name: 'Admin', role: 'admin', password: 'a long enough password' });
  const { token } = await setup.services.sessions.startSession(admin);
  await setup.close();

  const fillStart = performance.now();
  const db = new SQLite(config.databaseUrl);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    `insert into comments (article_id, parent_id, author_name, author_email, author_url, author_ip, ip_hash, user_agent, body_text, body_html, status, reasons, created_at, updated_at)
     values (?, null, ?, ?, null, '192.0.2.1', ?, 'bench', ?, ?, ?, '[]', ?, ?)`,
  );
  // 90% approved, 5% pending, 4% spam, 1% trash; 50,000 distinct authors.
  const statusOf = (i: number) => (i % 100 < 90 ? 'approved' : i % 100 < 95 ? 'pending' : i % 100 < 99 ? 'spam' : 'trash');
  db.transaction(() => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < rows; i++) {
      const who = i % 50_000;
      const text = `Comment ${i} about the story, with a few words like ${i % 7 === 0 ? 'zebra' : 'lion'}.`;
      insert.run(article.id, `Reader ${who}`, `reader${who}@example.com`, `h${who}`, text, `<p>${text}</p>`, statusOf(i), t0 + i * 1000, t0 + i * 1000);
    }
  })();
  db.pragma('optimize');
  db.close();
  const fillSeconds = (performance.now() - fillStart) / 1000;

  const dateline = await createDateline(config);
  const app = await dateline.buildApp();
  const cookie = `dateline_session=${token}`;
  const pages: [string, string][] = [
    ['pending tab (first page, counts, histories)', '/admin/comments?status=pending'],
    ['approved tab', '/admin/comments?status=approved'],
    ['all, deep keyset page (before the 500,000th)', `/admin/comments?status=all&before=${Math.floor(rows / 2)}`],
    ['filter by author email', '/admin/comments?status=all&author=reader123%40example.com'],
    ['filter by article', `/admin/comments?status=pending&article=${article.id}`],
    ['search words (LIKE scan)', '/admin/comments?status=pending&q=zebra'],
    ['dashboard', '/admin/'],
  ];
  console.log(`\n${rows.toLocaleString('en')} comments inserted in ${fillSeconds.toFixed(1)} s; ${runs} timed runs per page after 3 warm-ups\n`);
  console.log('| page | p50 ms | p99 ms | max ms |');
  console.log('|---|---|---|---|');
  for (const [label, url] of pages) {
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      const res = await app.inject({ url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      if (i >= 3) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
    console.log(`| ${label} | ${q(0.5)} | ${q(0.99)} | ${times.at(-1)!.toFixed(1)} |`);
  }
  await app.close();
  await dateline.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
