// Files that ship beside the code (the stylesheet, the demo article) are found from the
// package's root, so the same code runs from src/ through tsx and from the dist/ bundle.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package's root: the nearest directory above this module with a package.json. */
function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return (root = dir);
}

/** A path inside the package, from its root: `packagePath('src', 'views', 'assets')`. */
export function packagePath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
