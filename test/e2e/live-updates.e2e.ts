// Live updates in a real browser: a reader has an article open while a moderator approves
// comments; the page announces them, keeps its text still until the reader asks, then shows
// them where they belong in the thread.

import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { articleId, commentId } from '../../src/domain/ids.ts';
import { launchChromium, startTestServer } from '../support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function openPage(t: TestContext): Promise<Page> {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  t.after(() => context.close());
  return context.newPage();
}

/** Polls until the site's live hub has `n` open streams (the page's script has connected). */
async function streamsOpen(site: Awaited<ReturnType<typeof startTestServer>>, n: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (site.dateline.liveHub.streamCount() < n) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${n} open live stream(s)`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live updates in a browser', () => {
  test('a comment approved by a moderator is announced to a reader with the article open, and shown when they ask', async (t) => {
    const site = await startTestServer(t);
    const { article, path } = await site.publishSeedArticle();
    let n = 0;
    /** A first-time commenter's comment: held until a moderator approves it. */
    const held = async (authorName: string, bodyText: string, parentId: number | null = null) => {
      const { comment } = await site.dateline.services.submitComment({
        articleId: articleId(article.id), parentId: parentId === null ? null : commentId(parentId), authorName,
        authorEmail: `reader${++n}@example.com`, authorUrl: '', bodyText, ip: `192.0.2.${n}`, userAgent: 'e2e',
      });
      assert.equal(comment.status, 'pending');
      return comment.id;
    };

    const page = await openPage(t);
    await page.goto(`${site.baseUrl}${path}`);
    await streamsOpen(site, 1);
    const heading = page.locator('#comments-title');
    assert.match((await heading.textContent()) ?? '', /^No comments yet/);

    const first = await held('Grace Hopper', 'Parades are cheaper than answers.');
    await site.approve(first);
    const status = page.getByRole('status');
    await status.getByText('1 new comment —').waitFor();
    await page.waitForFunction(() => /^One comment on/.test(document.getElementById('comments-title')?.textContent ?? ''));
    assert.equal(await page.locator(`#comment-${first}`).count(), 0, 'announced, not slipped in under the reader');

    await status.getByRole('button', { name: 'Show' }).click();
    const shown = page.locator(`ol.comment-list > li#comment-${first}`);
    await shown.waitFor();
    assert.match((await shown.locator('.comment-body').textContent()) ?? '', /Parades are cheaper than answers\./);
    assert.equal(await page.evaluate(() => document.activeElement?.id), `comment-${first}`, 'focus moves to the new comment');
    assert.equal(await page.locator('.live-updates').textContent(), '', 'the announcement is gone');

    // Two more: a reply to it and another top-level comment, announced together.
    const reply = await held('Alan Turing', 'And cheaper than questions.', first);
    const second = await held('Ada Lovelace', 'Who paid for the cameras?');
    await site.approve(reply);
    await site.approve(second);
    await status.getByText('2 new comments —').waitFor();
    await page.waitForFunction(() => /^3 comments on/.test(document.getElementById('comments-title')?.textContent ?? ''));
    await status.getByRole('button', { name: 'Show' }).click();
    await page.locator(`li#comment-${first} > ol.children > li#comment-${reply}.depth-2`).waitFor();
    await page.locator(`ol.comment-list > li#comment-${second}`).waitFor();

    // A comment taken out of public view leaves the open page at once.
    await site.dateline.services.moderateComment({ commentId: commentId(second), action: 'spam', actor: 'e2e' });
    await page.locator(`#comment-${second}`).waitFor({ state: 'detached' });
    await page.waitForFunction(() => /^2 comments on/.test(document.getElementById('comments-title')?.textContent ?? ''));
  });
});
