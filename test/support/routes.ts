// The routes an app registered, read from Fastify's printed route tree (its lines nest by
// indentation): what route-table tests compare with the tables they check.

/** "METHOD /path" for every route, HEAD and OPTIONS aside (Fastify adds those by itself). */
export function routesOf(tree: string): string[] {
  const out: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)(?:└── |├── )(.+?) \(([A-Z, ]+)\)$/.exec(line) ?? /^(.*?)(?:└── |├── )(.+)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length;
    while (stack.length > 0 && stack.at(-1)!.depth >= depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + m[2]!.replace(/ \(.*$/, '');
    stack.push({ depth, path });
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD' && method !== 'OPTIONS') out.push(`${method} ${path.replace(/\/\/+/g, '/')}`);
  }
  return out;
}
