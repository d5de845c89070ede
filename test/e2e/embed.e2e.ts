// Comments embedded in another site's page, in a real browser: a second origin (another port)
// serves a page with a strict CSP, one div and /embed.js; the iframe shows the thread, fits its
// content, takes the host's CSS variable, lets a reader post, and another reader sees the new
// comment live. A listing page with /count.js shows the count. No CSP violation anywhere.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium, startTestServer, type TestServer } from '../support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** The other site: an article page with the embed, a listing page with counts, and its stylesheet. */
async function startHostSite(t: TestContext): Promise<{ origin: string; serveFrom: (dateline: string) => void }> {
  let dateline = '';
  const server: Server = createServer((request, response) => {
    const csp = `default-src 'none'; script-src ${dateline}; frame-src ${dateline}; connect-src ${dateline}; style-src 'self'`;
    const html = (title: string, body: string) =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/host.css"></head><body>${body}</body></html>`;
    if (request.url === '/host.css') {
      response.writeHead(200, { 'content-type': 'text/css' });
      return response.end('#dateline-comments { --dateline-accent: rgb(0, 128, 0); --dateline-radius: 0px; }');
    }
    if (request.url === '/posts/harbour/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      return response.end(html('Harbour reopens', `<h1>Harbour reopens</h1><p>The host's own article.</p><div id="dateline-comments"></div><script src="${dateline}/embed.js" async></script>`));
    }
    if (request.url === '/posts/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      return response.end(
        html('Posts', `<ul><li><a href="/posts/harbour/" data-dateline-count>Comments</a></li><li><span id="other" data-dateline-count data-url="${origin}/posts/quiet/">Comments</span></li></ul><script src="${dateline}/count.js" async></script>`),
      );
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the host site has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  t.after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return { origin, serveFrom: (url) => void (dateline = url) };
}

/** A page in a fresh browser context that records every CSP violation and console complaint about one. */
async function openPage(t: TestContext): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  t.after(() => context.close());
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  // Init scripts run before the page's own and outside its CSP: every frame reports its violations here.
  await page.exposeFunction('reportViolation', (what: string) => violations.push(what));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation: (s: string) => void }).reportViolation(`${location.origin}: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, violations };
}

/** The embed's iframe once it shows the discussion. */
async function embedFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('#dateline-comments iframe').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no embed iframe in the host page');
  await frame.locator('#comments-title').waitFor();
  return frame;
}

/** Polls until the iframe's height is its content's height (the frame reported it, the host applied it). */
async function fitsContent(page: Page, frame: Frame): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const outer = await page.locator('#dateline-comments iframe').evaluate((el) => el.getBoundingClientRect().height);
    const inner = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    if (Math.abs(outer - inner) <= 1 && inner > 0) return outer;
    if (Date.now() > deadline) throw new Error(`gave up waiting for the iframe (${outer}px) to fit its content (${inner}px)`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function streamsOpen(site: TestServer, n: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (site.dateline.liveHub.streamCount() < n) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${n} open live stream(s)`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('comments embedded in another site', () => {
  test('a page on another origin with a strict CSP shows the thread, fits it, styles it, and a reader posts; another reader sees it live', async (t) => {
    const host = await startHostSite(t);
    const site = await startTestServer(t, {
      config: { embedOrigins: [host.origin] },
      settings: { requirePreviouslyApproved: false, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0, floodIntervalSeconds: 0 },
    });
    host.serveFrom(site.baseUrl);

    const first = await openPage(t);
    await first.page.goto(`${host.origin}/posts/harbour/`);
    const frame = await embedFrame(first.page);
    assert.match(frame.url(), new RegExp(`^${site.baseUrl}/embed/articles/\\d+/$`));
    assert.equal(await frame.locator('#comments-title').textContent(), 'No comments yet on “Harbour reopens”', 'titled from the host page');
    const emptyHeight = await fitsContent(first.page, frame);
    assert.notEqual(emptyHeight, 480, 'no longer the height it was made with');

    // The host's --dateline-accent reached the frame's button.
    await frame.waitForFunction(() => getComputedStyle(document.querySelector('.submit')!).backgroundColor === 'rgb(0, 128, 0)');
    assert.equal(await frame.evaluate(() => getComputedStyle(document.querySelector('.submit')!).borderTopLeftRadius), '0px');

    // A second reader has the same page open, following the discussion live.
    const second = await openPage(t);
    await second.page.goto(`${host.origin}/posts/harbour/`);
    const secondFrame = await embedFrame(second.page);
    await streamsOpen(site, 2);

    await frame.getByRole('textbox', { name: 'Comment', exact: true }).fill('Glad to see the dhows back.');
    await frame.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada Reader');
    await frame.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.com');
    site.clock.advance(5); // a person takes longer than a bot to write
    await frame.getByRole('button', { name: 'Post Comment', exact: true }).click();
    await frame.waitForURL(/\/embed\/articles\/\d+\/#comment-\d+$/);
    const id = Number(/#comment-(\d+)$/.exec(frame.url())![1]);
    await frame.locator(`#comment-${id}`).getByText('Glad to see the dhows back.').waitFor();
    assert.equal(new URL(first.page.url()).origin, host.origin, 'the host page stayed where it was');
    const postedHeight = await fitsContent(first.page, frame);
    assert.ok(postedHeight > emptyHeight, `the iframe grew with the comment (${emptyHeight}px → ${postedHeight}px)`);

    await secondFrame.getByRole('status').getByText('1 new comment —').waitFor();
    await secondFrame.getByRole('status').getByRole('button', { name: 'Show' }).click();
    await secondFrame.locator(`#comment-${id}`).getByText('Glad to see the dhows back.').waitFor();
    await fitsContent(second.page, secondFrame);

    // A listing page of the host site shows counts from one request.
    const listing = await openPage(t);
    await listing.page.goto(`${host.origin}/posts/`);
    await listing.page.locator('a[data-dateline-count]').getByText('1 comment', { exact: true }).waitFor();
    await listing.page.locator('#other').getByText('0 comments', { exact: true }).waitFor();

    assert.deepEqual([...first.violations, ...second.violations, ...listing.violations], [], 'no CSP violation on any page');
  });

  test('a page on an origin that may not embed gets the refusal, not a thread', async (t) => {
    const host = await startHostSite(t);
    const site = await startTestServer(t, { config: { embedOrigins: ['http://elsewhere.example'] } });
    host.serveFrom(site.baseUrl);
    const { page } = await openPage(t);
    const answer = page.waitForResponse((response) => response.url().startsWith(`${site.baseUrl}/embed/thread?`));
    await page.goto(`${host.origin}/posts/harbour/`);
    assert.equal((await answer).status(), 403);
    assert.equal(await site.dateline.stores.articles.findByExternalKey(`${host.origin}/posts/harbour`), undefined);
  });
});
