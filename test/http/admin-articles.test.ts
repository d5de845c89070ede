// The article editor over HTTP: list, create, edit, preview (with and without JavaScript),
// schedule, unpublish, close comments, revisions, tags and byline, and refusals that keep
// the form. The route walk in admin.test.ts proves session, role and CSRF for every route.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { articleId } from '../../src/domain/ids.ts';
import { fromLocalInput, toLocalInput } from '../../src/http/admin/article-routes.ts';
import { buildTestApp, type TestApp } from '../support/build-test-app.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (app: FastifyInstance, url: string, fields: Record<string, string>, cookie: string) =>
  app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });

async function editor(ctx: TestApp, role: 'admin' | 'editor' = 'editor') {
  const who = await ctx.signIn(role);
  const base = { _csrf: who.csrf, title: 'Storm Hits the Coast', slug: '', section: 'Weather', summary: 'A short summary.', tags: 'Storms, coast , storms', body: 'First *paragraph*.\n\n<script>alert(1)</script>', byline: String(who.staff.id), commentsOpen: '1', when: 'now', publish_at: '', intent: 'save' };
  const create = async (fields: Record<string, string> = {}) => {
    const res = await post(ctx.app, '/admin/articles', { ...base, ...fields }, who.cookie);
    assert.equal(res.statusCode, 303, res.body);
    return Number(/\/admin\/articles\/(\d+)\?saved=1/.exec(String(res.headers.location))?.[1]);
  };
  return { ...who, base, create };
}

describe('the article editor', () => {
  it('creates an article from Markdown that appears on the site with its byline, section and tags', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const form = await ctx.app.inject({ url: '/admin/articles/new', headers: { cookie: ed.cookie } });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<textarea id="body" name="body"/);
    assert.match(form.body, new RegExp(`<option value="${ed.staff.id}" selected`), 'the byline defaults to whoever writes');
    const id = await ed.create();
    const article = await ctx.dateline.stores.articles.findById(articleId(id));
    assert.equal(article?.slug, 'storm-hits-the-coast', 'the slug is made from the title');
    assert.equal(article?.status, 'published');
    assert.deepEqual(article?.tags, ['Storms', 'coast'], 'tags are trimmed and deduplicated, first spelling wins');
    assert.equal(article?.byline, ed.staff.name);
    assert.doesNotMatch(article!.bodyHtml, /<script/);
    const page = await ctx.app.inject('/2026/11/29/storm-hits-the-coast/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<em>paragraph<\/em>/);
    assert.match(page.body, new RegExp(`<span class="byline">By <a href="/author/${ed.staff.name.replace(' ', '-')}/">${ed.staff.name}</a></span> · `));
    assert.match(page.body, /<ul class="article-tags" aria-label="Tags"><li><a href="\/tag\/storms\/">Storms<\/a><\/li><li><a href="\/tag\/coast\/">coast<\/a><\/li><\/ul>/);
    const list = await ctx.app.inject({ url: '/admin/articles', headers: { cookie: ed.cookie } });
    assert.match(list.body, new RegExp(`<a href="/admin/articles/${id}">Storm Hits the Coast</a>`));
    assert.match(list.body, /Published November 29, 2026/);
  });

  it('edits an article: the page changes at once, and every saved version is kept with who and when', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const id = await ed.create();
    await ctx.app.inject('/2026/11/29/storm-hits-the-coast/'); // cached
    ctx.clock.advance(600);
    const other = await ctx.signIn('admin');
    const saved = await post(ctx.app, `/admin/articles/${id}`, { ...ed.base, _csrf: other.csrf, slug: 'storm-hits-the-coast', title: 'Storm Hits the Coast, Again', body: 'Rewritten.', tags: 'weather', byline: '' }, other.cookie);
    assert.equal(saved.statusCode, 303);
    const page = await ctx.app.inject('/2026/11/29/storm-hits-the-coast/');
    assert.match(page.body, /Rewritten\./);
    assert.match(page.body, /<li><a href="\/tag\/weather\/">weather<\/a><\/li>/);
    assert.doesNotMatch(page.body, /class="byline"/, 'no byline when none is chosen');
    const revisions = await ctx.dateline.stores.articles.listRevisions(articleId(id));
    assert.deepEqual(revisions.map((r) => [r.title, r.savedBy, r.savedAt.toISOString()]), [
      ['Storm Hits the Coast, Again', other.staff.name, '2026-11-29T12:10:00.000Z'],
      ['Storm Hits the Coast', ed.staff.name, '2026-11-29T12:00:00.000Z'],
    ]);
    assert.match(revisions[1]!.bodyMarkdown, /First \*paragraph\*/, 'the earlier Markdown is kept');
    const edit = await ctx.app.inject({ url: `/admin/articles/${id}?saved=1`, headers: { cookie: ed.cookie } });
    assert.match(edit.body, /Saved\./);
    assert.match(edit.body, new RegExp(`by ${ed.staff.name} — “Storm Hits the Coast”`));
    const old = await ctx.app.inject({ url: `/admin/articles/${id}/revisions/${revisions[1]!.id}`, headers: { cookie: ed.cookie } });
    assert.equal(old.statusCode, 200);
    assert.match(old.body, /First \*paragraph\*/);
    assert.equal((await ctx.app.inject({ url: `/admin/articles/${id}/revisions/99999`, headers: { cookie: ed.cookie } })).statusCode, 404);
  });

  it('previews without saving: the Preview button shows the rendered, sanitised text under the form it keeps', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const res = await post(ctx.app, '/admin/articles', { ...ed.base, intent: 'preview', body: '## Heading\n\n<img src=x onerror="alert(1)"> text' }, ed.cookie);
    assert.equal(res.statusCode, 200);
    const preview = res.body.slice(res.body.indexOf('<section class="article-preview"'));
    assert.match(preview, /<h2>Heading<\/h2>/);
    assert.match(preview, /text<\/p>/);
    assert.doesNotMatch(preview, /onerror/);
    assert.doesNotMatch(preview, / hidden/);
    assert.match(res.body, /## Heading/, 'the Markdown is kept in the form');
    assert.match(res.body, /value="Storm Hits the Coast"/);
    assert.equal((await ctx.dateline.stores.articles.listForDesk({ limit: 10, offset: 0 })).length, 0, 'nothing saved');
  });

  it('renders the live preview for the script, with the CSRF token in a header', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const ok = await ctx.app.inject({ method: 'POST', url: '/admin/articles/preview', payload: form({ body: '*hi* <script>x</script>' }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: ed.cookie, 'x-csrf-token': ed.csrf } });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /^<p><em>hi<\/em>\s*<\/p>\s*$/);
    assert.equal(ok.headers['cache-control'], 'private, no-store');
    const forged = await ctx.app.inject({ method: 'POST', url: '/admin/articles/preview', payload: form({ body: 'x' }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: ed.cookie, 'x-csrf-token': 'nope' } });
    assert.equal(forged.statusCode, 403);
  });

  it('schedules an article: not public before its time, on the site and front page at it with no manual step', async (t) => {
    const ctx = await buildTestApp(t, { config: { timeZone: 'Europe/Paris' } });
    const ed = await editor(ctx);
    // 2026-11-30 09:30 in Paris is 08:30 UTC.
    const id = await ed.create({ when: 'schedule', publish_at: '2026-11-30T09:30' });
    const article = await ctx.dateline.stores.articles.findById(articleId(id));
    assert.equal(article?.publishedAt.toISOString(), '2026-11-30T08:30:00.000Z');
    assert.equal((await ctx.app.inject('/')).body.includes('Storm Hits the Coast'), false);
    assert.equal((await ctx.app.inject('/2026/11/30/storm-hits-the-coast/')).statusCode, 404);
    const list = await ctx.app.inject({ url: '/admin/articles', headers: { cookie: ed.cookie } });
    assert.match(list.body, /Scheduled for November 30, 2026/);
    const edit = await ctx.app.inject({ url: `/admin/articles/${id}`, headers: { cookie: ed.cookie } });
    assert.match(edit.body, /value="2026-11-30T09:30"/, 'the time shows in the site’s time zone');
    assert.match(edit.body, /id="when-schedule" type="radio" name="when" value="schedule" checked/);
    ctx.clock.set('2026-11-30T08:30:00Z');
    assert.equal((await ctx.app.inject('/2026/11/30/storm-hits-the-coast/')).statusCode, 200);
    assert.match((await ctx.app.inject('/')).body, /Storm Hits the Coast/);
  });

  it('unpublishes and publishes again, and closes and opens comments, from the list', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const id = await ed.create();
    const path = '/2026/11/29/storm-hits-the-coast/';
    assert.match((await ctx.app.inject(path)).body, /id="commentform"/);
    const closed = await post(ctx.app, `/admin/articles/${id}/act`, { _csrf: ed.csrf, do: 'close-comments' }, ed.cookie);
    assert.equal(closed.statusCode, 303);
    assert.match(String(closed.headers.location), /did=close-comments/);
    assert.match((await ctx.app.inject(path)).body, /Comments are closed/);
    await post(ctx.app, `/admin/articles/${id}/act`, { _csrf: ed.csrf, do: 'open-comments' }, ed.cookie);
    assert.match((await ctx.app.inject(path)).body, /id="commentform"/);
    await post(ctx.app, `/admin/articles/${id}/act`, { _csrf: ed.csrf, do: 'unpublish' }, ed.cookie);
    assert.equal((await ctx.app.inject(path)).statusCode, 404);
    const list = await ctx.app.inject({ url: '/admin/articles?did=unpublish', headers: { cookie: ed.cookie } });
    assert.match(list.body, /Unpublished\./);
    assert.match(list.body, /<td>Draft<\/td>/);
    ctx.clock.advance(3600);
    await post(ctx.app, `/admin/articles/${id}/act`, { _csrf: ed.csrf, do: 'publish' }, ed.cookie);
    const article = await ctx.dateline.stores.articles.findById(articleId(id));
    assert.equal(article?.status, 'published');
    assert.deepEqual(article?.tags, ['Storms', 'coast'], 'quick actions keep tags');
    assert.equal(article?.byline, ed.staff.name, 'and the byline');
    assert.equal((await ctx.app.inject(path)).statusCode, 200);
    assert.equal((await ctx.dateline.stores.articles.listRevisions(articleId(id))).length, 5, 'each action is a revision');
  });

  it('saves a draft that is not on the site, and unpublishes from the form', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const id = await ed.create({ when: 'draft' });
    assert.equal((await ctx.app.inject('/2026/11/29/storm-hits-the-coast/')).statusCode, 404);
    await post(ctx.app, `/admin/articles/${id}`, { ...ed.base, slug: 'storm-hits-the-coast', when: 'now' }, ed.cookie);
    assert.equal((await ctx.app.inject('/2026/11/29/storm-hits-the-coast/')).statusCode, 200);
    await post(ctx.app, `/admin/articles/${id}`, { ...ed.base, slug: 'storm-hits-the-coast', when: 'draft' }, ed.cookie);
    assert.equal((await ctx.app.inject('/2026/11/29/storm-hits-the-coast/')).statusCode, 404);
  });

  it('refuses a missing title, a bad slug and a bad time with 422, all at once, keeping what was typed', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const res = await post(ctx.app, '/admin/articles', { ...ed.base, title: '', slug: 'Not A Slug!', when: 'schedule', publish_at: 'someday', body: 'Keep **this** text.' }, ed.cookie);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Please give the article a title/);
    assert.match(res.body, /may hold only lower-case letters/);
    assert.match(res.body, /Please give the publication time/);
    assert.match(res.body, /Keep \*\*this\*\* text\./);
    assert.match(res.body, /value="Not A Slug!"/);
    assert.match(res.body, /<input id="title"[^>]*aria-invalid="true"/);
    assert.equal((await ctx.dateline.stores.articles.listForDesk({ limit: 10, offset: 0 })).length, 0);
  });

  it('refuses a slug another article uses with 409, on create and on edit, never overwriting it', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const first = await ed.create();
    const again = await post(ctx.app, '/admin/articles', { ...ed.base, title: 'Another one', slug: 'storm-hits-the-coast', body: 'Different text' }, ed.cookie);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Another article already uses this address/);
    assert.match(again.body, /Different text/);
    assert.equal((await ctx.dateline.stores.articles.findById(articleId(first)))?.title, 'Storm Hits the Coast');
    const second = await ed.create({ title: 'Second story' });
    const moved = await post(ctx.app, `/admin/articles/${second}`, { ...ed.base, title: 'Second story', slug: 'storm-hits-the-coast' }, ed.cookie);
    assert.equal(moved.statusCode, 409);
    assert.equal((await ctx.dateline.stores.articles.findById(articleId(second)))?.slug, 'second-story');
  });

  it('answers 404 for an article that does not exist', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    assert.equal((await ctx.app.inject({ url: '/admin/articles/4242', headers: { cookie: ed.cookie } })).statusCode, 404);
    assert.equal((await post(ctx.app, '/admin/articles/4242', ed.base, ed.cookie)).statusCode, 404);
    assert.equal((await post(ctx.app, '/admin/articles/4242/act', { _csrf: ed.csrf, do: 'unpublish' }, ed.cookie)).statusCode, 404);
  });

  it('is closed to moderators, and shows editors an Articles entry in the bar', async (t) => {
    const ctx = await buildTestApp(t);
    const mod = await ctx.signIn('moderator');
    assert.equal((await ctx.app.inject({ url: '/admin/articles', headers: { cookie: mod.cookie } })).statusCode, 403);
    assert.equal((await post(ctx.app, '/admin/articles', { _csrf: mod.csrf, title: 'x' }, mod.cookie)).statusCode, 403);
    assert.doesNotMatch((await ctx.app.inject({ url: '/admin/', headers: { cookie: mod.cookie } })).body, /href="\/admin\/articles"/);
    const ed = await ctx.signIn('editor');
    assert.match((await ctx.app.inject({ url: '/admin/', headers: { cookie: ed.cookie } })).body, /href="\/admin\/articles"/);
  });

  it('keeps the command line working: a file republished by slug keeps the byline and tags set in the editor', async (t) => {
    const ctx = await buildTestApp(t);
    const ed = await editor(ctx);
    const { article } = await ctx.publishSeedArticle();
    await post(ctx.app, `/admin/articles/${article.id}`, { ...ed.base, title: article.title, slug: article.slug, tags: 'Korea' }, ed.cookie);
    await ctx.publishSeedArticle();
    const after = await ctx.dateline.stores.articles.findById(article.id);
    assert.deepEqual(after?.tags, ['Korea']);
    assert.equal(after?.byline, ed.staff.name);
    const revisions = await ctx.dateline.stores.articles.listRevisions(article.id);
    assert.deepEqual(revisions.map((r) => r.savedBy), ['command line', ed.staff.name, 'command line']);
  });
});

describe('publication times in the site’s time zone', () => {
  it('reads and writes wall-clock times, across a daylight-saving change', () => {
    assert.equal(fromLocalInput('2026-07-01T09:00', 'Europe/Paris')?.toISOString(), '2026-07-01T07:00:00.000Z');
    assert.equal(fromLocalInput('2026-12-01T09:00', 'Europe/Paris')?.toISOString(), '2026-12-01T08:00:00.000Z');
    assert.equal(fromLocalInput('2026-12-01T09:00', 'UTC')?.toISOString(), '2026-12-01T09:00:00.000Z');
    assert.equal(fromLocalInput('2026-02-30T09:00', 'UTC'), null);
    assert.equal(fromLocalInput('soon', 'UTC'), null);
    assert.equal(toLocalInput(new Date('2026-07-01T07:00:00Z'), 'Europe/Paris'), '2026-07-01T09:00');
  });
});
