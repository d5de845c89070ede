// Every public page in real Chromium, checked by axe-core (injected into the page): none may
// have a violation of serious or critical impact, in the light or the dark colour scheme. Also
// the keyboard's way in (the skip link). With DATELINE_SCREENSHOTS=1 the front page, an article
// with a thread and the form showing errors are saved to docs/screenshots/ for the README.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { parseArticleFile } from '../../src/articles/parse-article-file.ts';
import { articlePath } from '../../src/domain/article.ts';
import { commentId, type ArticleId, type CommentId } from '../../src/domain/ids.ts';
import { seedArticlePath } from '../support/build-test-app.ts';
import { launchChromium, startTestServer } from '../support/browser.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const screenshotDir = process.env.DATELINE_SCREENSHOTS === '1' ? new URL('../../docs/screenshots/', import.meta.url).pathname : null;
const colorSchemes = ['light', 'dark'] as const;

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/**
 * A site with something on every page: the seed article with a byline, tags and a threaded
 * discussion, and a second article in another section.
 */
async function siteWithDiscussion(t: TestContext) {
  const server = await startTestServer(t);
  const { services } = server.dateline;
  const author = await services.addStaff.addStaff({ email: 'mara@newsroom.example', name: 'Mara Lindqvist', role: 'editor', password: 'correct horse battery' });
  const { article } = await services.publishArticle({ ...parseArticleFile(readFileSync(seedArticlePath, 'utf8')), tags: 'North Korea, Russia', authorStaffId: author.id });
  await services.publishArticle({
    ...parseArticleFile(readFileSync(seedArticlePath, 'utf8')),
    title: 'Harvest Festival Draws Record Crowds Despite the Rain',
    slug: 'harvest-festival-record-crowds',
    section: 'Culture',
    summary: 'Organisers counted more visitors than in any year since the festival began.',
    publishedAt: new Date('2026-11-27T08:00:00Z'),
  });

  let n = 0;
  async function approved(authorName: string, bodyText: string, parentId: CommentId | null = null): Promise<CommentId> {
    n++;
    const { comment } = await services.submitComment({ articleId: article.id as ArticleId, parentId, authorName, authorEmail: `reader${n}@example.com`, authorUrl: '', bodyText, ip: `192.0.2.${n}`, userAgent: 'seed' });
    await services.moderateComment({ commentId: commentId(comment.id), action: 'approve', actor: 'test' });
    server.clock.advance(90);
    return commentId(comment.id);
  }
  const first = await approved('Grace Hopper', 'The footage says more about the audience at home than about the front.');
  const reply = await approved('Alan Turing', 'Agreed. The *absence* of numbers is the story here.', first);
  await approved('Ada Lovelace', 'And the medals were handed out before anyone could ask what they were for.', reply);
  await approved('Katherine Johnson', 'Parades are cheaper than answers.');
  return { ...server, article, articleUrl: `${server.baseUrl}${articlePath(article)}` };
}

/** A page in a new context that lets axe in (the site's CSP allows no inline script), closed when the test ends. */
async function openPage(t: TestContext, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(10_000);
  t.after(() => context.close());
  return context.newPage();
}

function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => `${v.impact}: ${v.id} — ${v.help}\n${v.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`)
    .join('\n');
}

/** Runs axe-core on the page as it is now; fails listing every serious or critical violation. */
async function assertAccessible(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, { resultTypes: ['violations'] }));
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(serious.length, 0, `${what} has accessibility violations:\n${describeViolations(serious)}`);
}

/** Checks `url` in both colour schemes. */
async function assertAccessibleInBothSchemes(t: TestContext, url: string, what: string): Promise<void> {
  for (const colorScheme of colorSchemes) {
    const page = await openPage(t, { colorScheme });
    const response = await page.goto(url);
    assert.ok(response, `${what}: no response`);
    await assertAccessible(page, `${what} (${colorScheme})`);
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png` });
}

describe('accessibility of the public pages (axe-core in Chromium)', () => {
  test('the front page has no serious or critical violation', async (t) => {
    const site = await siteWithDiscussion(t);
    await assertAccessibleInBothSchemes(t, `${site.baseUrl}/`, 'the front page');
    const page = await openPage(t);
    await page.goto(`${site.baseUrl}/`);
    await screenshot(page, 'front-page');
  });

  test('an article with a threaded discussion has no serious or critical violation', async (t) => {
    const site = await siteWithDiscussion(t);
    await assertAccessibleInBothSchemes(t, site.articleUrl, 'the article page');
    const page = await openPage(t);
    await page.goto(`${site.articleUrl}#comments`);
    assert.equal(await page.locator('ol.children ol.children li.comment').count(), 1, 'the thread is nested two levels deep');
    await screenshot(page, 'article-thread');
  });

  test('the comment form showing errors announces them and has no serious or critical violation', async (t) => {
    const site = await siteWithDiscussion(t);
    const page = await openPage(t);
    await page.goto(site.articleUrl);
    // A name of spaces and "nina@example" pass the browser's own checks, so the server answers.
    await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('A reply that is kept when the form is refused.');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('   ');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('nina@example');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Post Comment', exact: true }).click(),
    ]);
    await page.waitForLoadState();
    assert.equal(response.status(), 422);
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Please fix these 2 things/);
    for (const name of ['Name', 'Email']) {
      const input = page.getByRole('textbox', { name, exact: true });
      assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name} is marked invalid`);
      assert.match((await input.getAttribute('aria-describedby')) ?? '', /-error/, `${name} points at its error`);
    }
    await assertAccessible(page, 'the form with errors');
    await page.locator('#respond').evaluate((form) => form.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'comment-form-errors');
  });

  test('section, tag, author, search and 404 pages have no serious or critical violation', async (t) => {
    const site = await siteWithDiscussion(t);
    const pages = {
      'the section page': '/section/world/',
      'the tag page': '/tag/north-korea/',
      'the author page': '/author/mara-lindqvist/',
      'the search page': '/search?q=soldiers',
      'the 404 page': '/no/such/page/',
    };
    for (const [what, path] of Object.entries(pages)) await assertAccessibleInBothSchemes(t, `${site.baseUrl}${path}`, what);
  });

  test('the skip link is the first stop of the keyboard and takes it to the main content', async (t) => {
    const site = await siteWithDiscussion(t);
    const page = await openPage(t);
    await page.goto(site.articleUrl);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    assert.ok(await skip.evaluate((el) => el === document.activeElement), 'Tab reaches the skip link first');
    assert.ok(await skip.isVisible(), 'and it shows when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    for (const landmark of ['banner', 'navigation', 'main', 'contentinfo'] as const) assert.ok(await page.getByRole(landmark).first().isVisible(), `a ${landmark} landmark`);
  });
});
