// The 10,000-comment article's first page in every discussion view (issue 9: ?csort=, ?cpage=,
// ?expand=), rendered uncached in process: the worst case a reader can meet, per view. Seeds a
// fresh data directory the way `npm run bench` does (bench/seed.ts), pages at 50 top-level
// comments, spreads reactions over the comments, then times each view 50 times after 5 warm-ups,
// with the page cache cleared before every request.
//
//   npx tsx bench/discussion-views.ts        (BENCH_LONG_THREAD=N for another size)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createDateline } from '../src/main.ts';
import { testConfig } from '../test/support/build-test-app.ts';
import { seedDataDir } from './seed.ts';

const secret = 'bench-discussion-views-secret';
const comments = Number(process.env.BENCH_LONG_THREAD ?? 10_000);
const runs = 50;
const views = ['', '?csort=newest', '?csort=reactions', '?csort=replies', '?csort=reactions&cpage=3'];

const dataDir = mkdtempSync(join(tmpdir(), 'dateline-views-'));
try {
  const started = performance.now();
  const site = await seedDataDir(dataDir, secret, [comments]);
  const path = site.articles[0]!.path;
  const dateline = await createDateline(testConfig(dataDir, { secret }));
  try {
    await dateline.stores.settings.saveDiscussion({ pageComments: true, commentsPerPage: 50 });
    await sql`update comments set reaction_count = (id * 7919) % 13`.execute(dateline.database.db);
    console.log(`seeded ${comments} comments in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const app = await dateline.buildApp();
    for (const view of views) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs + 5; i++) {
        dateline.cache.clear();
        const t0 = performance.now();
        const response = await app.inject(`${path}${view}`);
        if (response.statusCode !== 200) throw new Error(`GET ${path}${view}: ${response.statusCode}`);
        if (i >= 5) times.push(performance.now() - t0);
        bytes = response.body.length;
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(times.length * q) - 1)]!.toFixed(1);
      console.log(`${(view || '(default: oldest)').padEnd(28)} p50 ${p(0.5)} ms  p99 ${p(0.99)} ms  ${bytes.toLocaleString('en-US')} bytes`);
    }
    await app.close();
  } finally {
    await dateline.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
