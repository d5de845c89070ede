// The public pages: the front page, the article page and its URL rules, caching and errors.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commentId } from '../../src/domain/ids.ts';
import { createDateline } from '../../src/main.ts';
import { buildTestApp, commentForm } from '../support/build-test-app.ts';

describe('the article page', () => {
  it('shows headline, dateline, section, the sanitised body, the comment count and the form', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    assert.equal(path, '/2026/11/25/north-korean-soldiers-return-to-fanfare/');
    const res = await app.inject(path);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html; charset=utf-8/);
    const html = res.body;
    assert.match(html, /<h1 id="article-title">North Korean Soldiers Return to Fanfare After Serving in Russia’s War With Ukraine<\/h1>/);
    assert.match(html, /<time datetime="2026-11-25T09:00:00.000Z">November 25, 2026<\/time>/);
    assert.match(html, /<p class="article-section"><a href="\/section\/world\/">World<\/a><\/p>/);
    assert.match(html, /<p>North Korean state media on Wednesday/);
    assert.match(html, /No comments yet/);
    for (const text of [
      'Leave a Reply',
      'Your email address will not be published.',
      'Required fields are marked',
      'Save my name, email, and website in this browser for the next time I comment.',
      'Post Comment',
    ]) {
      assert.ok(html.includes(text), text);
    }
    for (const name of ['comment', 'author', 'email', 'url', 'wp-comment-cookies-consent', 'comment_post_ID', 'comment_parent']) {
      assert.match(html, new RegExp(`name="${name}"`), name);
    }
    assert.match(html, /<label for="comment">Comment <span class="required"/);
    assert.match(html, /<label for="author">Name <span class="required"/);
    assert.match(html, /<label for="email">Email <span class="required"/);
    assert.match(html, /<label for="url">Website<\/label>/);
  });

  it('redirects a wrong date or a missing trailing slash to the article’s one URL (301)', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    const wrongDate = await app.inject('/2020/01/01/north-korean-soldiers-return-to-fanfare/');
    assert.equal(wrongDate.statusCode, 301);
    assert.equal(wrongDate.headers.location, path);
    const noSlash = await app.inject(path.slice(0, -1));
    assert.equal(noSlash.statusCode, 301);
    assert.equal(noSlash.headers.location, path);
  });

  it('answers 404 with a page for an unknown, draft or scheduled article', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    await publishSeedArticle(undefined, { slug: 'draft-one', status: 'draft' });
    await publishSeedArticle(undefined, { slug: 'later', publishedAt: new Date('2030-01-01T00:00:00Z') });
    for (const url of ['/2026/11/25/nothing-here/', '/2026/11/25/draft-one/', '/2030/01/01/later/', '/no/such/page']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/);
    }
  });

  it('serves every anonymous reader the same cached bytes, with an ETag and 304 on revalidation', async (t) => {
    const { app, publishSeedArticle, dateline } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    const first = await app.inject(path);
    assert.equal(dateline.cache.size, 1);
    const second = await app.inject(path);
    assert.equal(second.body, first.body);
    assert.ok(first.headers.etag);
    const revalidated = await app.inject({ url: path, headers: { 'if-none-match': first.headers.etag as string } });
    assert.equal(revalidated.statusCode, 304);
    assert.equal(revalidated.body, '');
  });

  it('drops the cached page when a comment is approved, and not when one is held', async (t) => {
    const { app, publishSeedArticle, dateline, clock } = await buildTestApp(t);
    const { article, path } = await publishSeedArticle();
    const before = await app.inject(path);
    const posted = await app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'Cache me if you can' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(dateline.cache.size, 1, 'a held comment changes nothing public');
    const id = Number(/comment-(\d+)/.exec(String(posted.headers.location))?.[1]);
    await dateline.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'test' });
    clock.advance(1);
    const after = await app.inject(path);
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.match(after.body, /Cache me if you can/);
    assert.match(after.body, /One comment on/);
  });

  it('notices a change made by another process (the shell) and drops its cached pages', async (t) => {
    const { app, publishSeedArticle, dateline, config, clock } = await buildTestApp(t);
    const { article, path } = await publishSeedArticle();
    const posted = await app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'Approved from the shell' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const id = Number(/comment-(\d+)/.exec(String(posted.headers.location))?.[1]);
    assert.doesNotMatch((await app.inject(path)).body, /Approved from the shell/);
    assert.equal(dateline.cache.size, 1);
    const shell = await createDateline(config, { clock }); // a second connection, as `dateline comments approve` opens
    await shell.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'shell:test' });
    await shell.close();
    assert.match((await app.inject(path)).body, /Approved from the shell/);
  });

  it('shows the change after a republish with the same slug', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    await app.inject(path);
    await publishSeedArticle(undefined, { title: 'A corrected headline' });
    assert.match((await app.inject(path)).body, /A corrected headline/);
  });

  it('sends security headers that forbid third-party scripts and framing', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    const res = await app.inject(path);
    assert.match(res.headers['content-security-policy'] as string, /default-src 'self'/);
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('makes no request to any other site: every src and stylesheet is local', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    const html = (await app.inject(path)).body;
    // The page's own absolute URLs (canonical, feeds) name this site, not another.
    const external = [...html.matchAll(/\s(?:src|href)="((?:https?:)?\/\/[^"]*)"/g)].filter((m) => !m[1]!.startsWith('http://localhost:80/') && /<(?:script|link|img|iframe)[^>]*$/.test(html.slice(0, m.index)));
    assert.deepEqual(external, []);
    const css = html.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
    const js = html.match(/<script src="([^"]+)"/)?.[1];
    for (const asset of [css, js]) {
      const res = await app.inject(asset!);
      assert.equal(res.statusCode, 200, asset);
      assert.match(res.headers['cache-control'] as string, /immutable/);
    }
  });
});

describe('pages that time changes', () => {
  it('lists a scheduled article on the cached front page once its time comes', async (t) => {
    const { app, publishSeedArticle, clock } = await buildTestApp(t);
    await publishSeedArticle();
    await publishSeedArticle(undefined, { slug: 'at-noon', title: 'Out at one', publishedAt: new Date('2026-11-29T13:00:00Z') });
    assert.doesNotMatch((await app.inject('/')).body, /Out at one/);
    clock.set('2026-11-29T13:00:00Z');
    assert.match((await app.inject('/')).body, /Out at one/);
    assert.equal((await app.inject('/2026/11/29/at-noon/')).statusCode, 200);
  });

  it('takes the form off a cached article page when comments close by age', async (t) => {
    const { app, publishSeedArticle, clock } = await buildTestApp(t, { settings: { closeCommentsAfterDays: 5 } });
    const { path } = await publishSeedArticle(); // published 2026-11-25T09:00Z, closes 2026-11-30T09:00Z
    assert.match((await app.inject(path)).body, /id="commentform"/);
    clock.set('2026-11-30T09:00:01Z');
    const closed = (await app.inject(path)).body;
    assert.doesNotMatch(closed, /id="commentform"/);
    assert.match(closed, /Comments are closed/);
  });
});

describe('the front page', () => {
  it('lists the latest public articles, newest first, with their comment counts', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    await publishSeedArticle();
    await publishSeedArticle(undefined, { slug: 'newer', title: 'A newer story', publishedAt: new Date('2026-11-28T08:00:00Z') });
    await publishSeedArticle(undefined, { slug: 'hidden', title: 'A draft story', status: 'draft' });
    const res = await app.inject('/');
    assert.equal(res.statusCode, 200);
    const newer = res.body.indexOf('A newer story');
    const older = res.body.indexOf('North Korean Soldiers');
    assert.ok(newer > 0 && older > newer);
    assert.doesNotMatch(res.body, /A draft story/);
    assert.match(res.body, /href="\/2026\/11\/28\/newer\/"/);
    assert.match(res.body, /No comments yet/);
  });
});

it('answers /healthz', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject('/healthz');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ok' });
});
