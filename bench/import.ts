// `npm run bench:import`: imports a generated WordPress export through `dateline import wxr`'s
// use case on a fresh site and reports the time and the process's peak memory (maxRSS, and RSS
// sampled every 50 ms), so "constant memory" can be checked by comparing two sizes.
//   BENCH_IMPORT_COMMENTS  comments in the file (default 1,000,000; 1,000 per post)
//   BENCH_IMPORT_DATABASE  a postgres://… URL to import into instead of a fresh SQLite file

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDateline } from '../src/main.ts';
import { testConfig } from '../test/support/build-test-app.ts';
import { generateWxr } from '../test/support/wxr-generator.ts';

const comments = Number(process.env.BENCH_IMPORT_COMMENTS ?? 1_000_000);
const perPost = Math.min(1000, comments);
const dir = mkdtempSync(join(tmpdir(), 'dateline-import-bench-'));
const mib = (bytes: number) => (bytes / 1_048_576).toFixed(0);

try {
  const file = join(dir, 'generated.xml');
  const generated = await generateWxr(file, Math.ceil(comments / perPost), perPost);
  const config = { ...testConfig(dir), ...(process.env.BENCH_IMPORT_DATABASE ? { databaseUrl: process.env.BENCH_IMPORT_DATABASE } : {}) };
  const dateline = await createDateline(config);
  let peakSampled = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage.rss())), 50);
  const rssBefore = process.memoryUsage.rss();
  const started = performance.now();
  const report = await dateline.services.importFile({ format: 'wxr', file });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await dateline.close();
  if (report.created.comments !== generated.comments) throw new Error(`imported ${report.created.comments} of ${generated.comments} comments`);
  console.log(`dialect: ${config.databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite'}`);
  console.log(`file: ${mib(statSync(file).size)} MiB, ${generated.comments} comments (${generated.replies} replies) on ${report.created.articles} posts`);
  console.log(`import: ${seconds.toFixed(1)} s, ${Math.round(generated.comments / seconds)} comments/s`);
  console.log(`memory: RSS ${mib(rssBefore)} MiB before, ${mib(peakSampled)} MiB sampled peak, maxRSS ${mib(process.resourceUsage().maxRSS * 1024)} MiB (process lifetime)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
