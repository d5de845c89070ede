// What operators and orchestrators ask of a running instance: /readyz (can it serve: the
// database answers and its migrations are current) and /metrics (Prometheus text, for loopback
// or a bearer token only), plus the request-latency hook that feeds the metrics.
// /healthz (the process is alive) stays in app.ts's route table.

import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DomainEvent } from '../domain/events.ts';
import type { OutboxStatus } from '../domain/mail.ts';
import type { PageCache } from './page-cache.ts';

export interface MetricsSources {
  readonly cache: PageCache;
  /** Mails in the outbox by status (waiting mail is the delivery backlog). */
  outboxCounts(): Promise<Record<OutboxStatus, number>>;
  liveStreams(): number;
}

export interface OperationsDeps {
  readonly metrics: Metrics;
  /** null when ready, else why not ("database unreachable", "migrations pending: …"). */
  readiness(): Promise<string | null>;
  /** DATELINE_METRICS_TOKEN: lets /metrics answer a scraper that is not on loopback. */
  readonly metricsToken: string | null;
}

// A readiness probe that hangs is as bad as one that fails: past this the instance is not ready.
const readinessTimeoutMs = 2000;
// Latency buckets from 1 ms (a cached page) to 5 s (a request stuck behind the database).
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** One registry per instance (not prom-client's global one), so several apps in one process stay apart. */
export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  const requestSeconds = new Histogram({ name: 'dateline_http_request_duration_seconds', help: 'Time to answer a request, by route pattern and status.', labelNames: ['method', 'route', 'status'], buckets: latencyBuckets, registers: [registry] });
  const posted = new Counter({ name: 'dateline_comments_posted_total', help: 'Comments stored by this instance, by the status they were given.', labelNames: ['status'], registers: [registry] });
  const held = new Counter({ name: 'dateline_comments_held_total', help: 'Comments stored by this instance and held for moderation.', registers: [registry] });
  new Gauge({
    name: 'dateline_outbox_mails',
    help: 'Mails in the outbox by status (queued is the delivery backlog).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      // While the database is away the figure is left out rather than failing the whole scrape.
      const counts = await sources.outboxCounts().catch(() => null);
      this.reset();
      if (counts) for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  // The cache counts for itself; these counters are read from it at each scrape.
  new Counter({ name: 'dateline_page_cache_hits_total', help: 'Cacheable requests answered from the page cache.', registers: [registry], collect() { this.reset(); this.inc(sources.cache.hits); } });
  new Counter({ name: 'dateline_page_cache_misses_total', help: 'Cacheable requests that had to be rendered.', registers: [registry], collect() { this.reset(); this.inc(sources.cache.misses); } });
  new Gauge({
    name: 'dateline_page_cache_hit_ratio',
    help: 'Hits over hits plus misses since the instance started.',
    registers: [registry],
    collect() {
      const { hits, misses } = sources.cache;
      this.set(hits + misses === 0 ? 0 : hits / (hits + misses));
    },
  });
  new Gauge({ name: 'dateline_page_cache_pages', help: 'Pages kept in the page cache.', registers: [registry], collect() { this.set(sources.cache.size); } });
  new Gauge({ name: 'dateline_live_streams_open', help: 'Live update streams (SSE) open on this instance.', registers: [registry], collect() { this.set(sources.liveStreams()); } });
  new Gauge({ name: 'dateline_process_resident_memory_bytes', help: 'Resident set size of this process.', registers: [registry], collect() { this.set(process.memoryUsage.rss()); } });

  return {
    registry,
    /** Counts what this instance stored (events from other instances are theirs to count). */
    countEvent(event: DomainEvent): void {
      if (event.type !== 'comment.created') return;
      posted.inc({ status: event.status });
      if (event.status === 'pending') held.inc();
    },
    observeRequest(method: string, route: string, status: number, seconds: number): void {
      requestSeconds.observe({ method, route, status: String(status) }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function registerOperations(app: FastifyInstance, deps: OperationsDeps): void {
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get('/readyz', async (_request, reply) => {
    const reason = await withTimeout(deps.readiness(), readinessTimeoutMs).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    reply.header('cache-control', 'no-store');
    if (reason === null) return { status: 'ready' };
    return reply.code(503).header('retry-after', '5').send({ status: 'unavailable', reason });
  });

  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!mayReadMetrics(request, deps.metricsToken)) return refuse(reply, deps.metricsToken);
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}

/**
 * A scraper on this machine may read the metrics; one elsewhere needs the token. A request that
 * came through a proxy (it names a forwarded client) is not "on this machine", even though
 * the proxy's socket is loopback.
 */
function mayReadMetrics(request: FastifyRequest, token: string | null): boolean {
  const auth = request.headers.authorization ?? '';
  if (token && auth.startsWith('Bearer ') && sameSecret(auth.slice(7), token)) return true;
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !forwarded && isLoopback(request.socket.remoteAddress ?? '');
}

function refuse(reply: FastifyReply, token: string | null) {
  if (token) return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain; charset=utf-8').send('A bearer token is needed.\n');
  return reply.code(403).type('text/plain; charset=utf-8').send('Metrics are served to loopback only (or set DATELINE_METRICS_TOKEN).\n');
}

const isLoopback = (address: string): boolean => /^(127\.|::1$|::ffff:127\.)/.test(address);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
