// Finds the test files and runs them with node's own test runner through tsx.
//   npm test                 unit (src/**/*.test.ts[x]), integration (test/**/*.test.ts) and
//                            browser (test/e2e/*.e2e.ts) on SQLite; then the integration suites
//                            again on PostgreSQL (TEST_DIALECT=postgres) when a server answers.
//                            Storage contract suites (*.contract.test.ts) run each dialect themselves.
//   npm test -- --only unit  one group: unit | integration | e2e | postgres
// Without PostgreSQL its pass is skipped with a notice, unless DATELINE_REQUIRE_POSTGRES=1 (CI).
// Node 20's --test does not expand globs, hence this script.

import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function find(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path, pattern));
    else if (pattern.test(name)) out.push(relative(root, path));
  }
  return out.sort();
}

const groups: Record<string, () => string[]> = {
  unit: () => find(join(root, 'src'), /\.test\.tsx?$/),
  integration: () => find(join(root, 'test'), /\.test\.tsx?$/),
  e2e: () => find(join(root, 'test', 'e2e'), /\.e2e\.ts$/),
  // Suites that name their dialects themselves (contract, scale, scale commands, reliability) run once.
  postgres: () => find(join(root, 'test'), /\.test\.tsx?$/).filter((f) => !/\.contract\.test\.ts$|^test\/scale\/|^test\/reliability\/|scale-commands/.test(f)),
};

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : undefined;
if (only !== undefined && !groups[only]) {
  console.error(`run-tests: --only takes one of ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
function runNodeTests(files: string[], env: Record<string, string> = {}): number {
  if (files.length === 0) {
    console.error('run-tests: no test files found');
    return 1;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** Whether PostgreSQL answers, asked of the same helper the tests use. */
function postgresAnswers(): boolean {
  const probe = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./test/support/dialects.ts').then(async (d) => process.exit((await d.postgresAvailable()) ? 0 : 3)).catch((e) => { console.error(e.message); process.exit(1); })"], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (probe.status === 0) return true;
  if (probe.status === 3) return false;
  process.exit(1); // required but missing: the probe said why
}

let status = 0;
const sqliteGroups = only ? (only === 'postgres' ? [] : [only]) : ['unit', 'integration', 'e2e'];
if (sqliteGroups.length > 0) status = runNodeTests(sqliteGroups.flatMap((g) => groups[g]!()));
if (!only || only === 'postgres') {
  if (postgresAnswers()) {
    console.log('\n# the integration suites again, on PostgreSQL');
    status = runNodeTests(groups.postgres!(), { TEST_DIALECT: 'postgres' }) || status;
  } else {
    console.log('\n# PostgreSQL does not answer: its pass is skipped (set DATELINE_REQUIRE_POSTGRES=1 to fail instead)');
  }
}
process.exit(status);
