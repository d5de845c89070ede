// The site's own stylesheet and script, served with a content hash in their names so
// browsers keep them for a year. No asset comes from anywhere else.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface Asset {
  readonly url: string;
  readonly type: string;
  readonly body: Buffer;
}

const assetDir = new URL('../views/assets/', import.meta.url);

function loadAsset(file: string, type: string): Asset {
  const body = readFileSync(new URL(file, assetDir));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = file.lastIndexOf('.');
  return { url: `/assets/${file.slice(0, dot)}.${hash}${file.slice(dot)}`, type, body };
}

export function loadAssets() {
  const css = loadAsset('dateline.css', 'text/css; charset=utf-8');
  const js = loadAsset('dateline.js', 'text/javascript; charset=utf-8');
  const byUrl = new Map([css, js].map((a) => [a.url, a]));
  return {
    urls: { css: css.url, js: js.url },
    serve(request: FastifyRequest, reply: FastifyReply) {
      const asset = byUrl.get(request.url.split('?')[0] ?? '');
      if (!asset) return undefined;
      return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
    },
  };
}

export type Assets = ReturnType<typeof loadAssets>;
