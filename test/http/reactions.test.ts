// Reactions (issue 9, item 4): one positive reaction per reader per comment, without accounts;
// a toggle; a POST form that works without JavaScript (303 back to the comment) and answers
// JSON to the page's script; counted on the cached public page; capped per address per hour.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidFields } from '../../src/domain/errors.ts';
import { reactionsPerAddressPerHour } from '../../src/domain/reaction.ts';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

function press(ctx: TestApp, id: number, options: { ip?: string; ua?: string; json?: boolean; back?: string; headers?: Record<string, string> } = {}) {
  return ctx.app.inject({
    method: 'POST',
    url: `/comments/${id}/reaction`,
    remoteAddress: options.ip ?? '203.0.113.5',
    headers: { ...form, 'user-agent': options.ua ?? 'Firefox', ...(options.json ? { accept: 'application/json' } : {}), ...options.headers },
    payload: options.back === undefined ? '' : new URLSearchParams({ back: options.back }).toString(),
  });
}

let minute = 0;
async function comment(ctx: TestApp, articleId: number, status: 'approved' | 'pending' = 'approved', author = 'Ada'): Promise<number> {
  const c = await ctx.dateline.stores.comments.insert({
    articleId: articleId as never,
    parentId: null,
    authorName: author,
    authorEmail: `${author.toLowerCase()}@example.com`,
    authorUrl: null,
    bodyText: 'Worth reading.',
    bodyHtml: '<p>Worth reading.</p>' as never,
    status,
    reasons: [],
    ip: '192.0.2.1',
    ipHash: 'h',
    userAgent: 'test',
    createdAt: new Date(Date.parse('2026-11-26T00:00:00Z') + ++minute * 60_000),
  });
  ctx.dateline.cache.clear(); // written behind the cache's back, as no use case would
  return c.id;
}

const buttonOf = (html: string, id: number) => {
  const start = html.indexOf(`action="/comments/${id}/reaction"`);
  assert.ok(start > 0, `the reaction form of comment ${id} is on the page`);
  return html.slice(start, html.indexOf('</form>', start));
};
const countOf = (html: string, id: number) => Number(/class="reaction-count">\((\d+)\)/.exec(buttonOf(html, id))![1]);

describe('reactions', () => {
  it('counts one reaction per reader on the cached page, and takes it back when pressed again', async (t) => {
    const ctx = await buildTestApp(t);
    const { article, path } = await ctx.publishSeedArticle();
    const id = await comment(ctx, article.id);
    const before = await ctx.app.inject(path);
    assert.equal(countOf(before.body, id), 0);
    assert.match(before.headers['cache-control'] as string, /^public/);

    const first = await press(ctx, id);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, `${path}#comment-${id}`);
    const after = await ctx.app.inject(path);
    assert.notEqual(after.headers.etag, before.headers.etag, 'the cached page was dropped');
    assert.equal(countOf(after.body, id), 1);

    assert.equal(countOf((await ctx.app.inject(path)).body, id), 1);
    await press(ctx, id, { ua: 'Chromium' }); // same address, another browser: another reader
    assert.equal(countOf((await ctx.app.inject(path)).body, id), 2);
    await press(ctx, id); // the first reader again: a toggle
    assert.equal(countOf((await ctx.app.inject(path)).body, id), 1);
  });

  it('names the button with its label, count and the comment’s author, and shows the configured label', async (t) => {
    const ctx = await buildTestApp(t);
    const { article, path } = await ctx.publishSeedArticle();
    const id = await comment(ctx, article.id, 'approved', 'Grace');
    const button = buttonOf((await ctx.app.inject(path)).body, id);
    assert.match(button, /<span class="reaction-label">Respect<\/span> <span class="reaction-count">\(0\)<\/span><span class="visually-hidden"> — comment by Grace<\/span>/);

    await ctx.dateline.services.saveSettings({ reactionLabel: 'Insightful' });
    assert.match(buttonOf((await ctx.app.inject(path)).body, id), /<span class="reaction-label">Insightful<\/span>/);
    await assert.rejects(ctx.dateline.services.saveSettings({ reactionLabel: '' }), InvalidFields);
    await assert.rejects(ctx.dateline.services.saveSettings({ reactionLabel: 'x'.repeat(41) }), InvalidFields);
    await assert.rejects(ctx.dateline.services.saveSettings({ reactionLabel: 'two\nlines' }), InvalidFields);
  });

  it('is set in the admin’s Discussion settings form', async (t) => {
    const ctx = await buildTestApp(t);
    const { cookie, csrf } = await ctx.signIn('admin');
    const page = await ctx.app.inject({ url: '/admin/settings', headers: { cookie } });
    assert.match(page.body, /<input type="text" id="reactionLabel" name="reactionLabel" value="Respect"/);
    const saved = await ctx.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...form, cookie }, payload: new URLSearchParams({ _csrf: csrf, reactionLabel: ' Thanks ' }).toString() });
    assert.equal(saved.statusCode, 303);
    assert.equal((await ctx.dateline.stores.settings.discussion()).reactionLabel, 'Thanks');
    const refused = await ctx.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...form, cookie }, payload: new URLSearchParams({ _csrf: csrf, reactionLabel: '' }).toString() });
    assert.equal(refused.statusCode, 422);
    assert.equal((await ctx.dateline.stores.settings.discussion()).reactionLabel, 'Thanks');
  });

  it('answers the page’s script with JSON, and sends a reader without it back to the view they pressed on', async (t) => {
    const ctx = await buildTestApp(t);
    const { article, path } = await ctx.publishSeedArticle();
    const id = await comment(ctx, article.id);
    const json = await press(ctx, id, { json: true });
    assert.equal(json.statusCode, 200);
    assert.deepEqual(json.json(), { count: 1, reacted: true, countText: '(1)' });
    assert.equal(json.headers['cache-control'], 'private, no-store');
    assert.deepEqual((await press(ctx, id, { json: true })).json(), { count: 0, reacted: false, countText: '(0)' });

    const back = await press(ctx, id, { back: '?csort=newest&cpage=2&expand=7&evil=<script>' });
    assert.equal(back.headers.location, `${path}?csort=newest&cpage=2&expand=7#comment-${id}`);
    const odd = await press(ctx, id, { back: '//elsewhere.example/?csort=bogus' });
    assert.equal(odd.headers.location, `${path}#comment-${id}`, 'only known parts of the view come back');
  });

  it('keeps no address: the reader and their network are keyed hashes', async (t) => {
    const ctx = await buildTestApp(t);
    const { article } = await ctx.publishSeedArticle();
    const id = await comment(ctx, article.id);
    await press(ctx, id, { ip: '203.0.113.77', ua: 'Safari' });
    const rows = await ctx.dateline.database.db.selectFrom('comment_reactions').selectAll().execute();
    assert.equal(rows.length, 1);
    const stored = JSON.stringify(rows);
    assert.doesNotMatch(stored, /203\.0\.113|Safari/);
    assert.match(rows[0]!.reader_key, /^[0-9a-f]{64}$/);
    assert.notEqual(rows[0]!.reader_key, rows[0]!.network_key);
  });

  it('takes reactions only for approved comments, and only from this site’s pages', async (t) => {
    const ctx = await buildTestApp(t);
    const { article, path } = await ctx.publishSeedArticle();
    const held = await comment(ctx, article.id, 'pending');
    const shown = await comment(ctx, article.id);
    assert.equal((await press(ctx, held)).statusCode, 404);
    assert.equal((await press(ctx, 999_999)).statusCode, 404);
    assert.equal((await ctx.app.inject({ method: 'POST', url: '/comments/abc/reaction', headers: form, payload: '' })).statusCode, 404);
    const json = await press(ctx, held, { json: true });
    assert.equal(json.statusCode, 404);
    assert.equal(json.json().error, 'comment_not_found');
    const crossSite = await press(ctx, shown, { headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.statusCode, 403);
    assert.equal((await press(ctx, shown, { headers: { 'sec-fetch-site': 'same-origin' } })).statusCode, 303);
    assert.doesNotMatch(buttonOf((await ctx.app.inject(path)).body, shown), /\(2\)/);
    assert.equal(countOf((await ctx.app.inject(path)).body, shown), 1);
    const bodyAsJson = await ctx.app.inject({ method: 'POST', url: `/comments/${shown}/reaction`, headers: { 'content-type': 'application/json' }, payload: '{}' });
    assert.equal(bodyAsJson.statusCode, 415);
  });

  it('caps the reactions one address adds in an hour, always letting a reader take one back', async (t) => {
    const ctx = await buildTestApp(t);
    const { article } = await ctx.publishSeedArticle();
    const ids: number[] = [];
    for (let i = 0; i <= reactionsPerAddressPerHour; i++) ids.push(await comment(ctx, article.id));
    for (const [i, id] of ids.slice(0, reactionsPerAddressPerHour).entries()) {
      assert.equal((await press(ctx, id, { ua: `Browser ${i % 3}` })).statusCode, 303); // changing browsers does not escape the cap
    }
    const over = await press(ctx, ids.at(-1)!, { ua: 'Yet another browser', json: true });
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error, 'reaction_rate_limited');
    assert.equal((await press(ctx, ids.at(-1)!, { ip: '2001:db8:1:2:aaaa::1' })).statusCode, 303, 'another address is not affected');
    assert.equal((await press(ctx, ids.at(-1)!, { ip: '2001:db8:1:2:bbbb::2', json: true })).json().reacted, false, 'an IPv6 reader is known by their /64');
    assert.equal((await press(ctx, ids[0]!, { ua: 'Browser 0' })).statusCode, 303, 'taking one back is allowed');
    ctx.clock.advance(3600);
    assert.equal((await press(ctx, ids.at(-1)!)).statusCode, 303, 'an hour later it is allowed again');
  });
});
