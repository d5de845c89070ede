// "Your email address will not be published": a site with many commenters, crawled by
// following every link from the front page (plus feeds, sitemaps and search), shows no email
// and no IP — not raw, not in any case, not as an unkeyed hash; and no mail to a commenter
// carries another commenter's.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { commentId } from '../../src/domain/ids.ts';
import { buildTestApp, commentForm, cookieHeader } from '../support/build-test-app.ts';

function traces(value: string): string[] {
  const forms = [value, value.toLowerCase(), value.toUpperCase()];
  const out = new Set<string>();
  for (const f of forms) {
    out.add(f.toLowerCase());
    out.add(encodeURIComponent(f).toLowerCase());
    for (const algo of ['md5', 'sha1', 'sha256']) out.add(createHash(algo).update(f).digest('hex'));
  }
  return [...out];
}

it('shows no commenter’s email or IP anywhere in public output, in any form', async (t) => {
  const { app, publishSeedArticle, dateline, clock, dataDir } = await buildTestApp(t, { settings: { rateLimitPerArticlePerMinute: 0 } });
  const { article, path } = await publishSeedArticle();
  const secrets: string[] = [];
  const responses: string[] = [];
  let parent = 0;
  for (let i = 0; i < 12; i++) {
    const email = `Reader.${i}@Example.org`;
    const ip = `203.0.113.${i + 1}`;
    secrets.push(email, ip);
    const res = await app.inject({
      method: 'POST',
      url: '/comments',
      payload: new URLSearchParams(commentForm(article, { author: `Reader ${i}`, email, url: `reader${i}.example.net`, comment: `Comment number ${i}`, comment_parent: String(i % 3 === 2 ? parent : 0), 'wp-comment-cookies-consent': 'yes', notify_replies: '1', notify_article: '1' })).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: ip,
    });
    const id = Number(/comment-(\d+)/.exec(String(res.headers.location))?.[1]);
    assert.ok(id > 0, `comment ${i} was accepted`);
    if (i % 4 !== 3) {
      await dateline.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'test' });
      parent = id;
    }
    clock.advance(30);
    // What the commenter's own next page shows others nothing; it may show their own email in
    // their own form, so it is checked for the other commenters' details only.
    const own = await app.inject({ url: path, headers: { cookie: cookieHeader(res) } });
    for (const s of secrets.slice(0, -2)) for (const tr of traces(s)) assert.ok(!own.body.toLowerCase().includes(tr), `own page leaks ${s}`);
    responses.push(res.body, JSON.stringify(res.headers.location));
  }
  const feeds = ['/feed/', '/feed/atom/', '/feed.json', '/comments/feed/', '/comments/feed/atom/', '/comments/feed.json', `${path}feed/`, `${path}feed/atom/`, `${path}feed.json`];
  const extra = [`${path}?replytocom=${parent}`, '/healthz', '/nope', path.slice(0, -1), ...feeds, '/sitemap.xml', '/sitemap-news.xml', '/robots.txt', '/search?q=comment', '/privacy/your-data'];
  const crawled = await crawl(app, ['/', ...extra]);
  assert.ok(crawled.urls.includes(path) && crawled.urls.includes('/privacy/'), `the crawl followed links: ${crawled.urls.join(' ')}`);
  responses.push(...crawled.bodies);
  const everything = responses.join('\n').toLowerCase();
  assert.match(everything, /comment number 0/); // the crawl did see the comments
  for (const secret of secrets) {
    for (const trace of traces(secret)) assert.ok(!everything.includes(trace), `public output contains a trace of ${secret}`);
  }

  // Mail: each commenter asked for notifications; what reaches one names no other.
  const confirmations = (await dateline.stores.outbox.list({ status: 'queued', limit: 100 })).length;
  assert.ok(confirmations >= 12, 'every commenter was mailed a confirmation');
  await dateline.outboxWorker.deliverDue();
  const outbox = join(dataDir, 'outbox');
  for (const file of readdirSync(outbox).filter((f) => f.endsWith('.eml'))) {
    const mail = readFileSync(join(outbox, file), 'utf8').toLowerCase();
    const recipient = /^to: (.*)$/m.exec(mail)?.[1]?.trim() ?? '';
    for (const secret of secrets) {
      if (secret.toLowerCase() === recipient) continue;
      for (const trace of traces(secret)) assert.ok(!mail.includes(trace), `a mail to ${recipient} contains a trace of ${secret}`);
    }
  }
});

/** Every same-site page reachable by links from `start` (admin and POST targets aside), with what it sent. */
async function crawl(app: FastifyInstance, start: string[], limit = 200): Promise<{ urls: string[]; bodies: string[] }> {
  const seen = new Set<string>();
  const queue = [...start];
  const bodies: string[] = [];
  while (queue.length > 0 && seen.size < limit) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await app.inject(url);
    bodies.push(res.body, JSON.stringify(res.headers));
    if (!String(res.headers['content-type'] ?? '').includes('html')) continue;
    for (const m of res.body.matchAll(/(?:href|src)="([^"]+)"/g)) {
      const link = m[1]!.replace(/&amp;/g, '&').split('#')[0]!;
      if (link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/admin') && link !== '/comments') queue.push(link);
    }
  }
  return { urls: [...seen], bodies };
}
