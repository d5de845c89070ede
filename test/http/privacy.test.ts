// "Your email address will not be published": a site with many commenters, crawled page by
// page, shows no email and no IP — not raw, not in any case, not as an unkeyed hash.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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
  const { app, publishSeedArticle, dateline, clock } = await buildTestApp(t);
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
      payload: new URLSearchParams(commentForm(article, { author: `Reader ${i}`, email, url: `reader${i}.example.net`, comment: `Comment number ${i}`, comment_parent: String(i % 3 === 2 ? parent : 0), 'wp-comment-cookies-consent': 'yes' })).toString(),
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
  const crawl = ['/', path, `${path}?replytocom=${parent}`, '/healthz', '/nope', path.slice(0, -1), ...feeds, '/sitemap.xml', '/sitemap-news.xml', '/robots.txt'];
  for (const url of crawl) {
    const res = await app.inject(url);
    responses.push(res.body, JSON.stringify(res.headers));
  }
  const everything = responses.join('\n').toLowerCase();
  assert.match(everything, /comment number 0/); // the crawl did see the comments
  for (const secret of secrets) {
    for (const trace of traces(secret)) assert.ok(!everything.includes(trace), `public output contains a trace of ${secret}`);
  }
});
