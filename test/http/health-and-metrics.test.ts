// What operators ask of an instance: /healthz, /readyz (database and migrations) and the
// Prometheus metrics at /metrics, which only loopback or the bearer token may read.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { buildTestApp, commentForm } from '../support/build-test-app.ts';

/** The value of one sample line (`name{labels} value`) in Prometheus text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/readyz', () => {
  it('is ready when the database answers and every migration is applied', async (t) => {
    const { app } = await buildTestApp(t);
    const res = await app.inject('/readyz');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ready' });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('answers 503 naming the migration the database lacks', async (t) => {
    const { app, dateline } = await buildTestApp(t);
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(dateline.database.db);
    const last = rows[0]!.name;
    await sql`delete from kysely_migration where name = ${last}`.execute(dateline.database.db);
    const res = await app.inject('/readyz');
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['retry-after'], '5');
    assert.deepEqual(res.json(), { status: 'unavailable', reason: `migrations pending: ${last}` });
  });
});

describe('/metrics', () => {
  it('counts requests by route and status, comments posted and held, cache hits and misses', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { article, path } = await publishSeedArticle();
    await app.inject(path); // rendered: a miss
    await app.inject(path); // from memory: a hit
    const posted = await app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article)).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '192.0.2.7' });
    assert.equal(posted.statusCode, 303, 'a first-time commenter’s comment, held');

    const res = await app.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const text = res.body;
    const articleRoute = '/:year(^\\\\d{4})/:month(^\\\\d{2})/:day(^\\\\d{2})/:slug/';
    assert.equal(sample(text, `dateline_http_request_duration_seconds_count{method="GET",route="${articleRoute}",status="200"}`), 2);
    assert.equal(sample(text, 'dateline_http_request_duration_seconds_count{method="POST",route="/comments",status="303"}'), 1);
    assert.equal(sample(text, 'dateline_comments_posted_total{status="pending"}'), 1);
    assert.equal(sample(text, 'dateline_comments_held_total'), 1);
    assert.equal(sample(text, 'dateline_page_cache_hits_total'), 1);
    assert.ok((sample(text, 'dateline_page_cache_misses_total') ?? 0) >= 1);
    assert.ok((sample(text, 'dateline_page_cache_hit_ratio') ?? 0) > 0);
    assert.equal(sample(text, 'dateline_live_streams_open'), 0);
    assert.ok((sample(text, 'dateline_outbox_mails{status="queued"}') ?? -1) >= 0, 'the outbox backlog is reported');
    assert.ok((sample(text, 'dateline_process_resident_memory_bytes') ?? 0) > 0);
  });

  it('is refused to a client off this machine, and to one that came through a proxy', async (t) => {
    const { app } = await buildTestApp(t);
    assert.equal((await app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode, 403);
    assert.equal((await app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode, 403);
    assert.equal((await app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode, 200);
  });

  it('answers a client elsewhere that brings DATELINE_METRICS_TOKEN as a bearer token', async (t) => {
    const { app } = await buildTestApp(t, { config: { metricsToken: 'scrape-me-please-0123456789' } });
    const without = await app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    assert.equal(without.statusCode, 401);
    assert.match(String(without.headers['www-authenticate']), /^Bearer/);
    assert.equal((await app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer wrong-token-wrong-token-000' } })).statusCode, 401);
    const granted = await app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer scrape-me-please-0123456789' } });
    assert.equal(granted.statusCode, 200);
    assert.match(granted.body, /dateline_http_request_duration_seconds_bucket/);
  });
});
