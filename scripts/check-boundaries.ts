// Enforces the dependency rule of ARCHITECTURE.md: which folder of src/ may import which.
// Run by `npm run lint` (and so by CI). Prints each violation and exits 1 if there is any.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const src = resolve(new URL('../src', import.meta.url).pathname);
const features = ['articles', 'comments', 'moderation', 'accounts', 'notify', 'import', 'search', 'jobs', 'privacy', 'live', 'webhooks'];
const drivers = ['kysely', 'better-sqlite3', 'pg', 'fastify', '@fastify/', 'preact', 'nodemailer', 'ioredis'];

interface Rule {
  /** Project folders this layer may import at runtime. */
  readonly may: readonly string[];
  /** Project folders this layer may import types from (`import type`). */
  readonly mayType?: readonly string[];
  /** Packages this layer must not import. */
  readonly noPackages?: readonly string[];
}

const everything = ['domain', 'lib', ...features, 'storage', 'mail', 'http', 'views', 'cli', 'main.ts', 'config.ts'];
const rules: Record<string, Rule> = {
  domain: { may: ['domain'], noPackages: [...drivers, 'markdown-it', 'sanitize-html'] },
  lib: { may: ['lib', 'domain'], noPackages: drivers },
  ...Object.fromEntries(features.map((f) => [f, { may: ['domain', 'lib', ...features], noPackages: drivers }])),
  storage: { may: ['storage', 'domain', 'lib'], mayType: features, noPackages: ['fastify', 'preact'] },
  mail: { may: ['mail', 'domain', 'lib', 'notify'], noPackages: ['kysely', 'better-sqlite3', 'pg', 'fastify', 'preact'] },
  views: { may: ['views', 'domain'], noPackages: ['kysely', 'better-sqlite3', 'pg', 'fastify'] },
  http: { may: ['http', 'views', 'domain', 'lib', ...features] },
  cli: { may: ['cli', 'domain', 'lib', ...features, 'main.ts', 'config.ts'] },
  'main.ts': { may: everything },
  'config.ts': { may: [] },
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const importPattern = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const problems: string[] = [];

for (const file of files(src)) {
  if (/\.test\.tsx?$/.test(file)) continue;
  const layer = relative(src, file).split('/')[0]!;
  const rule = rules[layer];
  if (!rule) {
    problems.push(`${relative(src, file)}: folder "${layer}" has no rule in scripts/check-boundaries.ts`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(importPattern)) {
    const typeOnly = Boolean(m[2]);
    const spec = m[3]!;
    const where = `${relative(src, file)} imports ${spec}`;
    if (spec.startsWith('.')) {
      const target = relative(src, resolve(dirname(file), spec)).split('/')[0]!;
      if (target.startsWith('..')) continue;
      const allowed = rule.may.includes(target) || (typeOnly && rule.mayType?.includes(target));
      if (!allowed) problems.push(`${where}: ${layer} may not import ${target}${rule.mayType?.includes(target) ? ' except with `import type`' : ''}`);
    } else if (rule.noPackages?.some((p) => spec === p || spec.startsWith(p.endsWith('/') ? p : `${p}/`))) {
      if (!typeOnly || layer !== 'storage') problems.push(`${where}: ${layer} may not use this package`);
    }
  }
}

if (problems.length > 0) {
  console.error(`Dependency rule broken (see ARCHITECTURE.md):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('dependency rule holds');
