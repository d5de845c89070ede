// The site's own stylesheet and script, served with a content hash in their names so
// browsers keep them for a year, and the two scripts other sites link by name (embed, count).
// No asset comes from anywhere else.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateEncoding, type Coding } from './send-page.ts';
import { packagePath } from '../lib/package-path.ts';

interface Asset {
  readonly url: string;
  readonly type: string;
  readonly body: Buffer;
}

const assetDir = packagePath('src', 'views', 'assets');

function loadAsset(file: string, type: string): Asset {
  const body = readFileSync(join(assetDir, file));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = file.lastIndexOf('.');
  return { url: `/assets/${file.slice(0, dot)}.${hash}${file.slice(dot)}`, type, body };
}

/** The scripts other sites link by name (embed.js, count.js), compressed once at start. */
export type LinkedScript = 'embed.js' | 'count.js';

// Another site's page names the file itself, so it cannot carry a hash: browsers keep it for five
// minutes and then revalidate with its ETag (a 304 costs a few bytes).
const linkedScriptCacheControl = 'public, max-age=300';

function loadLinkedScript(file: LinkedScript) {
  const body = readFileSync(join(assetDir, file));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}`;
  const bytes: Record<Coding, Buffer> = {
    identity: body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
  return { bytes, etag: (coding: Coding) => (coding === 'identity' ? `${etag}"` : `${etag}-${coding}"`) };
}

export function loadAssets() {
  const css = loadAsset('dateline.css', 'text/css; charset=utf-8');
  const js = loadAsset('dateline.js', 'text/javascript; charset=utf-8');
  const byUrl = new Map([css, js].map((a) => [a.url, a]));
  const linked = { 'embed.js': loadLinkedScript('embed.js'), 'count.js': loadLinkedScript('count.js') };
  return {
    urls: { css: css.url, js: js.url },
    serve(request: FastifyRequest, reply: FastifyReply) {
      const asset = byUrl.get(request.url.split('?')[0] ?? '');
      if (!asset) return undefined;
      return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
    },
    /** /embed.js and /count.js: short-lived, revalidated by ETag, gzip or Brotli when accepted. */
    serveLinked(request: FastifyRequest, reply: FastifyReply, file: LinkedScript) {
      const script = linked[file];
      const coding = negotiateEncoding(request.headers['accept-encoding']);
      const etag = script.etag(coding);
      reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', linkedScriptCacheControl).header('etag', etag).header('vary', 'Accept-Encoding');
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
      if (coding !== 'identity') reply.header('content-encoding', coding);
      return reply.send(script.bytes[coding]);
    },
  };
}

export type Assets = ReturnType<typeof loadAssets>;
