// The rate-limit puzzle in a real browser: past the limit the reader's text comes back with a
// puzzle that the page's script solves, and pressing Post Comment again posts it; without
// JavaScript the reader ticks the box and the comment goes to a moderator. Nothing is lost.

import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Browser } from 'playwright-core';
import { commentId } from '../../src/domain/ids.ts';
import { launchChromium, startTestServer } from '../support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function limitedReader(t: TestContext, javaScriptEnabled: boolean) {
  const server = await startTestServer(t, { settings: { rateLimitPerHour: 1, floodIntervalSeconds: 0, requirePreviouslyApproved: false } });
  const { article, path } = await server.publishSeedArticle();
  // The reader's address already posted once this hour.
  await server.app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams({ comment: 'Earlier.', author: 'Ada', email: 'ada@example.com', url: '', comment_post_ID: String(article.id), comment_parent: '0' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '127.0.0.1' });
  server.clock.advance(60);
  const context = await browser.newContext({ javaScriptEnabled });
  context.setDefaultTimeout(15_000);
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}${path}`);
  server.clock.advance(30); // the reader takes a while to write
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Said twice within the hour.');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.com');
  await page.getByRole('button', { name: 'Post Comment', exact: true }).click();
  await page.getByRole('group', { name: 'A short puzzle instead of a captcha' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Comment', exact: true }).inputValue(), 'Said twice within the hour.');
  return { server, page };
}

const landedId = (url: string) => Number(/#comment-(\d+)$/.exec(url)?.[1]);

describe('the rate-limit puzzle', () => {
  it('is solved by the page’s script, and the comment is posted', async (t) => {
    const { server, page } = await limitedReader(t, true);
    await page.getByText('Puzzle solved').waitFor();
    await page.getByRole('button', { name: 'Post Comment', exact: true }).click();
    await page.waitForURL(/#comment-\d+$/);
    assert.equal((await server.dateline.stores.comments.findById(commentId(landedId(page.url()))))?.status, 'approved');
  });

  it('without JavaScript, sends the comment to a moderator when the reader asks', async (t) => {
    const { server, page } = await limitedReader(t, false);
    await page.getByRole('checkbox', { name: 'Send my comment to a moderator instead of solving the puzzle' }).check();
    await page.getByRole('button', { name: 'Post Comment', exact: true }).click();
    await page.waitForURL(/#comment-\d+$/);
    const held = await server.dateline.stores.comments.findById(commentId(landedId(page.url())));
    assert.deepEqual([held?.status, held?.reasons[0]?.code], ['pending', 'rate_limited_held']);
    await page.getByText('Your comment is awaiting moderation').waitFor();
  });
});
