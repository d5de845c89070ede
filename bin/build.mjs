// The production bundle: every TypeScript module of the CLI and server in one ES module,
// dist/dateline.mjs (packages stay imports from node_modules). Started from it, a server
// skips tsx's loader and transpiling (measured in BENCHMARKS.md: faster cold start, less
// memory). `npm run build` writes it; bin/dateline.mjs rebuilds it whenever a source file is
// newer, so a checkout, `git pull` or edit never runs stale code.

import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundlePath = join(root, 'dist', 'dateline.mjs');
const entry = join(root, 'src', 'cli', 'index.ts');

/** The newest modification time of the sources and of what shapes the bundle, in ms. */
function newestSource() {
  let newest = Math.max(statSync(join(root, 'package.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  return newest;
}

export function bundleIsFresh() {
  try {
    return statSync(bundlePath).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

/** Builds dist/dateline.mjs; written under a temporary name and renamed, so two starting processes never read half a file. */
export async function buildBundle() {
  const { build } = await import('esbuild');
  mkdirSync(dirname(bundlePath), { recursive: true });
  const temporary = `${bundlePath}.${process.pid}.tmp`;
  await build({
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  renameSync(`${temporary}.map`, `${bundlePath}.map`);
  renameSync(temporary, bundlePath);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildBundle();
  console.log(`${bundlePath} built in ${Math.round(performance.now() - started)} ms`);
}
