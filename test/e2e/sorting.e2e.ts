// Sorting, paging, folded threads and reactions in real Chromium (issue 9): without JavaScript
// every control is a plain link or form (sort, page, "show more replies", the reaction button
// with its 303 back to the comment); with JavaScript the reaction count changes in place and
// folded replies unfold without a request. Each test gets its own site; the file shares one browser.

import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { commentId } from '../../src/domain/ids.ts';
import { launchChromium, startTestServer, type TestServer } from '../support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function openPage(t: TestContext, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  t.after(() => context.close());
  return context.newPage();
}

let minute = 0;
async function add(server: TestServer, articleId: number, author: string, parentId: number | null = null): Promise<number> {
  const c = await server.dateline.stores.comments.insert({
    articleId: articleId as never,
    parentId: parentId as never,
    authorName: author,
    authorEmail: `${author.toLowerCase().replace(/\W+/g, '.')}@example.com`,
    authorUrl: null,
    bodyText: `Words from ${author}.`,
    bodyHtml: `<p>Words from ${author}.</p>` as never,
    status: 'approved',
    reasons: [],
    ip: '192.0.2.1',
    ipHash: 'h',
    userAgent: 'seed',
    createdAt: new Date(Date.parse('2026-11-26T00:00:00Z') + ++minute * 60_000),
  });
  server.dateline.cache.clear(); // written behind the cache's back, as no use case would
  return c.id;
}

/** Four top-level comments, oldest first Ada, Grace, Linus, Edsger; Grace has 2 reactions, Linus 1; Ada has 7 replies. */
async function site(t: TestContext) {
  const server = await startTestServer(t, { settings: { pageComments: true, commentsPerPage: 2 } });
  const { article, path } = await server.publishSeedArticle();
  const ids: Record<string, number> = {};
  for (const name of ['Ada', 'Grace', 'Linus', 'Edsger']) ids[name] = await add(server, article.id, name);
  for (let i = 1; i <= 7; i++) ids[`Reply ${i}`] = await add(server, article.id, `Reply ${i}`, ids.Ada!);
  const react = (name: string, reader: string) => server.dateline.services.reactToComment({ commentId: commentId(ids[name]!), ip: '198.51.100.1', userAgent: reader });
  await react('Grace', 'one');
  await react('Grace', 'two');
  await react('Linus', 'one');
  return { ...server, path, ids, url: `${server.baseUrl}${path}` };
}

/** The authors of the top-level comments shown, in order. */
const topLevelAuthors = (page: Page) => page.locator('.comment-list > li.comment > .comment-card .comment-author').allTextContents();

describe('sorting, paging and reactions', () => {
  test('without JavaScript: sort and page by plain links, unfold a thread by link, and react with a form post', async (t) => {
    const s = await site(t);
    const page = await openPage(t, { javaScriptEnabled: false });
    await page.goto(s.url);
    assert.deepEqual(await topLevelAuthors(page), ['Ada', 'Grace']);
    assert.equal(await page.locator(`#comment-${s.ids['Reply 6']}`).isVisible(), false, 'a long thread is folded');

    await page.getByRole('navigation', { name: 'Sort comments' }).getByRole('link', { name: 'Most reacted' }).click();
    assert.match(page.url(), /\?csort=reactions#comments$/);
    assert.deepEqual(await topLevelAuthors(page), ['Grace', 'Linus']);
    await page.getByRole('navigation', { name: 'Comment pages' }).first().getByRole('link', { name: '2', exact: true }).click();
    assert.match(page.url(), /\?csort=reactions&cpage=2#comments$/);
    assert.deepEqual(await topLevelAuthors(page), ['Ada', 'Edsger']);

    await page.getByRole('link', { name: 'Show 2 more replies' }).click();
    assert.match(page.url(), new RegExp(`\\?csort=reactions&cpage=2&expand=${s.ids.Ada}#comment-${s.ids['Reply 6']}$`));
    assert.equal(await page.locator(`#comment-${s.ids['Reply 7']}`).isVisible(), true);

    await page.getByRole('button', { name: 'Respect (0) — comment by Edsger' }).click();
    assert.match(page.url(), new RegExp(`\\?csort=reactions&cpage=2&expand=${s.ids.Ada}#comment-${s.ids.Edsger}$`), 'back to the same view, at the comment');
    await page.getByRole('button', { name: 'Respect (1) — comment by Edsger' }).waitFor();
    await page.getByRole('button', { name: 'Respect (1) — comment by Edsger' }).click();
    await page.getByRole('button', { name: 'Respect (0) — comment by Edsger' }).waitFor(); // pressed again: taken back
  });

  test('with JavaScript: the count changes in place, and folded replies unfold without a request', async (t) => {
    const s = await site(t);
    const page = await openPage(t);
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await page.goto(s.url);
    assert.equal(documents.length, 1);

    const grace = page.getByRole('button', { name: /comment by Grace$/ });
    assert.equal(await grace.textContent(), 'Respect (2) — comment by Grace');
    await grace.click();
    await page.getByRole('button', { name: 'Respect (3) — comment by Grace' }).waitFor();
    assert.equal(await grace.getAttribute('aria-pressed'), 'true');
    await grace.click();
    await page.getByRole('button', { name: 'Respect (2) — comment by Grace' }).waitFor();
    assert.equal(await grace.getAttribute('aria-pressed'), 'false');

    await page.getByRole('link', { name: 'Show 2 more replies' }).click();
    await page.locator(`#comment-${s.ids['Reply 7']}`).waitFor({ state: 'visible' });
    assert.equal(await page.getByRole('link', { name: 'Show 2 more replies' }).count(), 0);
    assert.equal(documents.length, 1, 'no page was loaded for any of it');
    assert.equal((await s.app.inject(s.path)).body.includes('<span class="reaction-count">(2)</span>'), true, 'the public page counts what the server stored');
  });
});
