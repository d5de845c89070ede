// GET /live/articles/:id — an article's live updates as Server-Sent Events (ARCHITECTURE.md, "Live updates").
// Public data only, never cached (no-store). Each event:
//   id: <live event id>          (the browser sends it back as Last-Event-ID on reconnect)
//   event: comment.added | comment.changed | comment.removed
//   data: {"commentId","parentId","html"?,"count","heading","countLabel"}
// `html` is the comment's <li> rendered by the thread's own component; `count` is the
// article's approved comments now. `event: stale` asks the page to reload (too far behind to
// resume); on shutdown the stream ends with a `retry:` hint so the browser reconnects elsewhere.

import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleStore } from '../articles/article-store.ts';
import { isPublic } from '../domain/article.ts';
import { articleId } from '../domain/ids.ts';
import type { Clock } from '../lib/clock.ts';
import type { LiveHub, LiveStream, LiveStreamEnd, LiveUpdate } from '../live/live-hub.ts';
import { renderLiveComment } from '../views/live-comment.tsx';
import type { SiteView } from '../views/site.ts';
import { sendNotFound } from './pages/error-pages.ts';

export interface LiveStreamDeps {
  readonly site: SiteView;
  readonly articles: Pick<ArticleStore, 'findById'>;
  readonly clock: Clock;
  readonly live: LiveHub;
}

export const livePath = (id: number) => `/live/articles/${id}`;

/** How long a browser waits before reconnecting after a dropped connection. */
const reconnectMs = 3000;
/** When the instance is full: come back in about this long (a little random, so the crowd spreads). */
const fullRetrySeconds = 30;

/** One SSE event per update, the same bytes for every stream of the article. */
export function encodeLiveUpdate(site: SiteView, update: LiveUpdate): string {
  const m = site.messages;
  const { approvedCount: count, title } = update.discussion;
  const data = {
    commentId: update.commentId,
    parentId: update.parentId,
    ...(update.comment ? { html: renderLiveComment(site, update.comment) } : {}),
    count,
    heading: m.commentsOn(count, title),
    countLabel: m.comments(count),
  };
  // JSON keeps the data on one line (newlines inside strings are escaped).
  return `id: ${update.id}\nevent: ${update.kind}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A stream over one response; a reader whose socket buffer is still full gets no more (the hub closes it). */
function sseStream(res: ServerResponse): LiveStream {
  let needsDrain = false;
  res.on('drain', () => (needsDrain = false));
  const write = (chunk: Buffer | string): boolean => {
    if (needsDrain || res.destroyed) return false;
    needsDrain = !res.write(chunk);
    return true;
  };
  const endings: Record<LiveStreamEnd, () => void> = {
    // Spread the reconnections of a whole instance's readers over a few seconds.
    shutdown: () => res.end(`retry: ${1000 + Math.floor(Math.random() * 4000)}\n\n`),
    stale: () => res.end('event: stale\ndata: {}\n\n'),
    slow: () => res.destroy(),
  };
  return { write, heartbeat: () => write(': keep-alive\n\n'), end: (why) => endings[why]() };
}

/** The id the reader already has: Last-Event-ID on a reconnect, else the id its page was rendered at. */
function resumeFrom(request: FastifyRequest<{ Querystring: { after?: string } }>): number | null {
  const header = request.headers['last-event-id'];
  const raw = typeof header === 'string' && header !== '' ? header : request.query.after;
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

export function createLiveStream(deps: LiveStreamDeps) {
  return {
    async open(request: FastifyRequest<{ Params: { id: string }; Querystring: { after?: string } }>, reply: FastifyReply) {
      const id = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : 0;
      const article = id > 0 ? await deps.articles.findById(articleId(id)) : undefined;
      if (!article || !isPublic(article, deps.clock.now())) return sendNotFound(deps, reply);
      if (!deps.live.hasRoom()) {
        return reply.code(503).header('retry-after', String(fullRetrySeconds + Math.floor(Math.random() * fullRetrySeconds))).header('cache-control', 'no-store').send('Too many live readers on this server; try again shortly.');
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // The response never ends by itself; when it does end (shutdown), the connection goes with it.
        connection: 'close',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${reconnectMs}\n\n`);
      const { leave } = deps.live.join(article.id, resumeFrom(request), sseStream(res));
      res.on('close', leave);
    },
    /** Ends every stream with a retry hint, so closing the server does not wait on them. */
    closeAll: () => deps.live.closeAll(),
  };
}
