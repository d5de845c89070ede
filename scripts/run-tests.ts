// Finds the test files and runs them with node's own test runner through tsx.
//   npm test                 unit (src/**/*.test.ts[x]), integration (test/**/*.test.ts) and browser (test/e2e/*.e2e.ts)
//   npm test -- --only unit  one group: unit | integration | e2e
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
};

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : undefined;
if (only !== undefined && !groups[only]) {
  console.error(`run-tests: --only takes one of ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
const files = (only ? [only] : Object.keys(groups)).flatMap((g) => groups[g]!());
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
