// A commenter fixes their comment in Chromium without JavaScript: an edit within the window
// shows "edited", one after it is refused with the text kept; and another reader's report of
// the comment reaches the moderators' Reported tab.

import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startTestServer } from '../support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function openPage(t: TestContext): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(10_000);
  t.after(() => context.close());
  return context.newPage();
}

/** Submits the page's form with `button` and returns the POST's status once the next page loaded. */
async function submit(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: button, exact: true }).click()]);
  await page.waitForLoadState();
  return response.status();
}

describe('a commenter’s own comment in a browser', () => {
  test('an edit within the window shows as edited; after it, the edit is refused and the text kept; a report reaches the queue', async (t) => {
    const site = await startTestServer(t, { settings: { requirePreviouslyApproved: false } });
    const { path } = await site.publishSeedArticle();
    const articleUrl = `${site.baseUrl}${path}`;

    const page = await openPage(t);
    await page.goto(articleUrl);
    await page.locator('#comment').fill('The parade was longer then the war.');
    await page.locator('#author').fill('Nina Reader');
    await page.locator('#email').fill('nina@example.com');
    site.clock.advance(30); // a person takes a while to write
    assert.equal(await submit(page, 'Post Comment'), 303);
    const id = Number(/#comment-(\d+)$/.exec(page.url())?.[1]);
    const mine = page.locator(`li#comment-${id}`);

    await mine.getByRole('link', { name: 'Edit your comment' }).click();
    const textarea = page.getByRole('textbox', { name: 'Comment' });
    assert.equal(await textarea.inputValue(), 'The parade was longer then the war.');
    await textarea.fill('The parade was longer than the war.');
    assert.equal(await submit(page, 'Save changes'), 303);
    assert.equal((await mine.locator('.comment-body').textContent())?.trim(), 'The parade was longer than the war.');
    assert.match((await mine.locator('.comment-edited').textContent()) ?? '', /^\(edited .+\)$/);

    await mine.getByRole('link', { name: 'Edit your comment' }).click();
    await page.getByRole('textbox', { name: 'Comment' }).fill('A second thought, too late.');
    site.clock.advance(16 * 60); // past the 15-minute window
    assert.equal(await submit(page, 'Save changes'), 403);
    assert.match((await page.getByRole('alert').textContent()) ?? '', /The time to edit or delete this comment has passed/);
    assert.equal(await page.locator('#kept-comment').inputValue(), 'A second thought, too late.');
    await page.goto(articleUrl);
    assert.equal((await mine.locator('.comment-body').textContent())?.trim(), 'The parade was longer than the war.');
    assert.equal(await mine.getByRole('link', { name: 'Edit your comment' }).count(), 0, 'no Edit link after the window');

    const reader = await openPage(t);
    await reader.goto(articleUrl);
    await reader.locator(`li#comment-${id}`).getByRole('link', { name: 'Report the comment by Nina Reader' }).click();
    await reader.getByLabel('Off-topic').check();
    await reader.getByLabel('Anything the moderators should know', { exact: false }).fill('Pedantry about grammar.');
    assert.equal(await submit(reader, 'Send report'), 200);
    assert.match((await reader.getByRole('status').textContent()) ?? '', /reached the moderators/);

    const moderator = await site.signIn('moderator');
    const queue = await site.app.inject({ url: '/admin/comments?status=reported', headers: { cookie: moderator.cookie } });
    assert.match(queue.body, new RegExp(`id="q-${id}"`));
    assert.match(queue.body, /Reported 1 time<\/strong>: off-topic 1/);
    assert.match(queue.body, /Pedantry about grammar\./);
  });
});
