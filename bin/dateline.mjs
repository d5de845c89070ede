#!/usr/bin/env node
// Runs the CLI from the bundle of the TypeScript sources (bin/build.mjs), rebuilt first when
// any source is newer. Where it cannot be built (a read-only install), runs the sources
// through tsx's loader instead: slower to start, same behaviour.

import { pathToFileURL } from 'node:url';
import { buildBundle, bundleIsFresh, bundlePath } from './build.mjs';

let bundled = bundleIsFresh();
if (!bundled && process.env.DATELINE_NO_BUNDLE !== '1') {
  try {
    await buildBundle();
    bundled = true;
  } catch (e) {
    console.error(`dateline: could not build ${bundlePath}, running the sources through tsx (${e instanceof Error ? e.message.split('\n')[0] : e})`);
  }
}
if (bundled && process.env.DATELINE_NO_BUNDLE !== '1') {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundlePath).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/index.ts');
}
