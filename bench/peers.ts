// The optional peers of ../shared/bench (README there): WordPress 6.1 behind nginx on
// 127.0.0.1:8081 (wordpress.sh up) and nginx serving one static file on 127.0.0.1:8082
// (static.sh up FILE). Detected by probing the ports; the bench says which one is missing and
// carries on without it. Also mirrors what wordpress.sh does around its comment POST runs: the
// throwaway "no flood" mu-plugin (only the 15-second verdict is switched off) and emptying the
// sink post before each run. Everything here needs root, as the peer scripts do.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';

export const sharedBenchDir = new URL('../../shared/bench/', import.meta.url).pathname;
const state = process.env.WP_BENCH_STATE || '/var/lib/wp-bench';
const wpContent = '/var/lib/wordpress/wp-content';
const noFloodPlugin = join(wpContent, 'mu-plugins', 'wp-bench-no-flood.php');

export const wordpressOrigin = 'http://127.0.0.1:8081';
export const staticNginxOrigin = 'http://127.0.0.1:8082';

export function portOpen(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface WordPressPeer {
  /** Post URL and id by wordpress.sh's slot name: c0, c50, c500, sink. */
  readonly posts: ReadonlyMap<string, { readonly id: number; readonly url: string }>;
  readonly version: string;
  /** Switches the flood verdict off (wordpress.sh's throwaway mu-plugin); returns the undo. */
  noFlood(): () => void;
  /** Deletes the comments on the sink post, so every POST run starts from the same state. */
  clearSink(): void;
  /** Comments on the sink post by approval state ("0" held, "1" approved, "spam"). */
  sinkCounts(): string;
  /** Waits until php-fpm has worked off requests queued by a finished run (as wordpress.sh does). */
  drain(): Promise<void>;
}

export type Detected<T> = { readonly peer: T; readonly missing?: undefined } | { readonly peer?: undefined; readonly missing: string };

export async function detectWordPress(): Promise<Detected<WordPressPeer>> {
  if (!(await portOpen(8081))) return { missing: 'nothing listens on 127.0.0.1:8081 (run `sudo bash ../shared/bench/wordpress.sh up`)' };
  const tsv = join(state, 'posts.tsv');
  let text: string;
  try {
    text = readFileSync(tsv, 'utf8');
  } catch (e) {
    return { missing: `127.0.0.1:8081 answers but ${tsv} cannot be read (${(e as Error).message}); run the bench as root after wordpress.sh up` };
  }
  const posts = new Map<string, { id: number; url: string }>();
  for (const line of text.split('\n')) {
    const [slot, id, url] = line.split('\t');
    if (slot && id && url) posts.set(slot, { id: Number(id), url });
  }
  for (const slot of ['c0', 'c50', 'c500', 'sink']) if (!posts.has(slot)) return { missing: `${tsv} has no "${slot}" post; run wordpress.sh reseed` };
  const sinkId = posts.get('sink')!.id;
  const mariadb = (sqlText: string) => {
    const run = (args: string[]) => execFileSync('mariadb', [...args, '-N', 'wp_bench', '-e', sqlText], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      return run(['-uroot']);
    } catch {
      return run(['-h127.0.0.1', '-P3306', '-uroot']);
    }
  };
  let version = 'unknown';
  try {
    version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'wordpress'], { encoding: 'utf8' });
  } catch {
    /* reported as unknown */
  }
  return {
    peer: {
      posts,
      version,
      noFlood() {
        mkdirSync(dirname(noFloodPlugin), { recursive: true });
        writeFileSync(
          noFloodPlugin,
          "<?php\n// wp-bench, BENCHMARK ONLY: never treat a comment as a flood. WordPress still\n// runs its flood-check query; only the 15-second verdict is overridden.\nadd_filter('comment_flood_filter', '__return_false', 100);\n",
        );
        const undo = () => rmSync(noFloodPlugin, { force: true });
        process.once('exit', undo);
        return undo;
      },
      clearSink() {
        mariadb(
          `DELETE FROM wp_commentmeta WHERE comment_id IN (SELECT comment_ID FROM wp_comments WHERE comment_post_ID=${sinkId}); ` +
            `DELETE FROM wp_comments WHERE comment_post_ID=${sinkId}; UPDATE wp_posts SET comment_count=0 WHERE ID=${sinkId};`,
        );
      },
      sinkCounts() {
        return mariadb(`SELECT comment_approved, COUNT(*) FROM wp_comments WHERE comment_post_ID=${sinkId} GROUP BY 1`).trim().replace(/\t/g, '=').replace(/\n/g, ' ');
      },
      async drain() {
        for (let i = 0; i < 2; i++) await fetch(`${wordpressOrigin}/xmlrpc.php`, { signal: AbortSignal.timeout(300_000) }).then((r) => r.arrayBuffer()).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1000));
      },
    },
  };
}

export interface StaticNginxPeer {
  /** Makes nginx on :8082 serve this file (static.sh up FILE) and checks it does. */
  serve(file: string): Promise<void>;
  readonly version: string;
}

export async function detectStaticNginx(): Promise<Detected<StaticNginxPeer>> {
  if (!(await portOpen(8082))) return { missing: 'nothing listens on 127.0.0.1:8082 (run `sudo bash ../shared/bench/static.sh up`)' };
  const script = join(sharedBenchDir, 'static.sh');
  if (!existsSync(script)) return { missing: `${script} not found` };
  let version = 'unknown';
  try {
    version = execFileSync('nginx', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) || '';
  } catch {
    /* nginx -v writes to stderr */
  }
  try {
    version = execFileSync('sh', ['-c', 'nginx -v 2>&1'], { encoding: 'utf8' }).trim().replace(/^nginx version: nginx\//, '');
  } catch {
    /* unknown */
  }
  return {
    peer: {
      version,
      async serve(file) {
        execFileSync('bash', [script, 'up', file], { stdio: ['ignore', 'ignore', 'pipe'] });
        const expected = readFileSync(file);
        for (let i = 0; i < 40; i++) {
          const body = Buffer.from(await (await fetch(`${staticNginxOrigin}/`)).arrayBuffer());
          if (body.equals(expected)) return;
          await new Promise((r) => setTimeout(r, 250));
        }
        throw new Error(`nginx on :8082 does not serve ${file} after static.sh up`);
      },
    },
  };
}
