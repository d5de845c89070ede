// The "Leave a Reply" form in a real browser (Debian's Chromium through playwright-core),
// with and without JavaScript: posting, errors that keep the text, replies, remembered
// details and hostile input. Each test gets its own site; the file shares one browser.

import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { articleId } from '../../src/domain/ids.ts';
import { launchChromium, startTestServer } from '../support/browser.ts';

const consentLabel = 'Save my name, email, and website in this browser for the next time I comment.';
const awaiting = 'Your comment is awaiting moderation';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** A fresh site with the seed article published; the reader's URL for it. */
async function siteWithArticle(t: TestContext) {
  const server = await startTestServer(t);
  const { article, path } = await server.publishSeedArticle();
  const articleUrl = `${server.baseUrl}${path}`;

  /** A comment by someone else (another IP), approved, for a reader to answer. */
  async function approvedComment(authorName: string, bodyText: string): Promise<number> {
    const { comment } = await server.dateline.services.submitComment({
      articleId: articleId(article.id),
      parentId: null,
      authorName,
      authorEmail: `${authorName.split(' ')[0]!.toLowerCase()}@example.com`,
      authorUrl: '',
      bodyText,
      ip: '192.0.2.10',
      userAgent: 'seed',
    });
    await server.approve(comment.id);
    server.clock.advance(60); // the reader's post is not "too soon" after this one
    return comment.id;
  }

  return { ...server, article, path, articleUrl, approvedComment };
}

/** A page in a new browser context (its own cookies), closed when the test ends. */
async function openPage(t: TestContext, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  t.after(() => context.close());
  return context.newPage();
}

// By accessible name: the label's text without the aria-hidden "*" (getByLabel would include it).
const field = (page: Page, label: 'Comment' | 'Name' | 'Email' | 'Website') => page.getByRole('textbox', { name: label, exact: true });
const consentBox = (page: Page) => page.getByRole('checkbox', { name: consentLabel, exact: true });

async function fillForm(page: Page, values: { comment?: string; author?: string; email?: string; url?: string; consent?: boolean }) {
  if (values.comment !== undefined) await field(page, 'Comment').fill(values.comment);
  if (values.author !== undefined) await field(page, 'Name').fill(values.author);
  if (values.email !== undefined) await field(page, 'Email').fill(values.email);
  if (values.url !== undefined) await field(page, 'Website').fill(values.url);
  if (values.consent !== undefined) await consentBox(page).setChecked(values.consent);
}

/** Clicks Post Comment and waits for the page the form lands on; returns the new comment's id. */
async function postAndLand(page: Page, articleUrl: string): Promise<number> {
  await page.getByRole('button', { name: 'Post Comment', exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(articleUrl) && /^#comment-\d+$/.test(url.hash));
  const url = new URL(page.url());
  assert.equal(`${url.origin}${url.pathname}${url.search}`, articleUrl, 'lands on the article itself');
  return Number(url.hash.slice('#comment-'.length));
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the comment form in a browser', () => {
  test('a reader without JavaScript posts a comment, sees it awaiting moderation, and nobody else sees it', async (t) => {
    const site = await siteWithArticle(t);
    const page = await openPage(t, { javaScriptEnabled: false });
    await page.goto(site.articleUrl);

    assert.ok(await page.getByRole('heading', { name: 'Leave a Reply', exact: true }).isVisible());
    assert.ok(await page.getByText('Your email address will not be published.').isVisible());
    const expectedNames = { Comment: 'comment', Name: 'author', Email: 'email', Website: 'url' } as const;
    for (const [label, name] of Object.entries(expectedNames) as [keyof typeof expectedNames, string][]) {
      assert.ok(await field(page, label).isVisible(), `a field labelled ${label}`);
      assert.equal(await field(page, label).getAttribute('name'), name, `${label} keeps WordPress's field name`);
    }
    assert.ok(await consentBox(page).isVisible());
    assert.equal(await consentBox(page).isChecked(), false, 'consent is never pre-ticked');
    assert.ok(await page.getByRole('button', { name: 'Post Comment', exact: true }).isVisible());

    const body = 'The footage says more about the audience at home than about the front.';
    await fillForm(page, { comment: body, author: 'Nina Reader', email: 'nina@example.com' });
    const id = await postAndLand(page, site.articleUrl);

    const mine = page.locator(`li#comment-${id}`);
    assert.ok(await mine.isVisible());
    assert.match(await text(page, `li#comment-${id} .comment-awaiting-moderation`), new RegExp(`^${awaiting}`));
    assert.equal(await text(page, `li#comment-${id} .comment-author`), 'Nina Reader');
    assert.equal(await text(page, `li#comment-${id} .comment-body`), body);

    const stranger = await openPage(t, { javaScriptEnabled: false });
    const assertNotShown = async () => {
      assert.equal(await stranger.locator(`#comment-${id}`).count(), 0, 'a held comment is not public');
      const html = await stranger.content();
      assert.ok(!html.includes(body), 'its text is nowhere on the page');
      assert.ok(!html.includes('nina@example.com'), 'nor is the email');
    };
    await stranger.goto(site.articleUrl);
    await assertNotShown();
    // Approving someone else's comment renders the page afresh (not from the page cache).
    const otherId = await site.approvedComment('Grace Hopper', 'Parades are cheaper than answers.');
    await stranger.reload();
    assert.equal(await stranger.locator(`#comment-${otherId}`).count(), 1, 'the page was rendered again');
    await assertNotShown();
  });

  test('without JavaScript an invalid email is explained beside its field and nothing typed is lost', async (t) => {
    const site = await siteWithArticle(t);
    const page = await openPage(t, { javaScriptEnabled: false });
    await page.goto(site.articleUrl);

    // "nina@example" passes the browser's own check for type=email, so the server decides.
    const body = 'Two paragraphs, kept as typed.\n\nWith <b>markup</b> & an ampersand.';
    await fillForm(page, { comment: body, author: 'Nina Reader', email: 'nina@example' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Post Comment', exact: true }).click(),
    ]);
    await page.waitForLoadState();
    assert.equal(response.status(), 422);

    const summary = page.getByRole('alert');
    assert.ok(await summary.isVisible(), 'an error summary screen readers announce');
    assert.match((await summary.textContent()) ?? '', /Your comment was not posted/);
    assert.match((await summary.textContent()) ?? '', /valid email address/);

    const email = field(page, 'Email');
    const besideEmail = page.locator('.comment-form-email .field-error');
    assert.ok(await besideEmail.isVisible(), 'the error sits with the email field');
    assert.match((await besideEmail.textContent()) ?? '', /valid email address/);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.ok((await email.getAttribute('aria-describedby'))?.split(' ').includes((await besideEmail.getAttribute('id'))!), 'the field points at its error');

    assert.equal(await field(page, 'Comment').inputValue(), body);
    assert.equal(await field(page, 'Name').inputValue(), 'Nina Reader');
    assert.equal(await email.inputValue(), 'nina@example');
  });

  test('without JavaScript the Reply link opens the form for that comment and the reply is nested under it', async (t) => {
    const site = await siteWithArticle(t);
    const parentId = await site.approvedComment('Grace Hopper', 'Parades are cheaper than answers.');
    const page = await openPage(t, { javaScriptEnabled: false });
    await page.goto(site.articleUrl);

    const replyLink = page.locator(`li#comment-${parentId} .comment-reply-link`);
    assert.equal(await replyLink.getAttribute('href'), `?replytocom=${parentId}#respond`);
    await replyLink.click();
    await page.waitForURL((url) => url.search === `?replytocom=${parentId}`);
    assert.ok(await page.getByRole('heading', { name: 'Leave a Reply to Grace Hopper' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Cancel reply' }).isVisible());
    assert.equal(await page.locator('#comment_parent').inputValue(), String(parentId));

    const reply = 'And cheaper than casualty figures.';
    await fillForm(page, { comment: reply, author: 'Nina Reader', email: 'nina@example.com' });
    const replyId = await postAndLand(page, site.articleUrl);
    const nested = `li#comment-${parentId} > ol.children > li#comment-${replyId}`;
    assert.equal(await page.locator(nested).count(), 1, 'the held reply shows under its parent to its author');
    assert.match(await text(page, `${nested} .comment-awaiting-moderation`), new RegExp(`^${awaiting}`));

    await site.approve(replyId);
    const reader = await openPage(t, { javaScriptEnabled: false });
    await reader.goto(site.articleUrl);
    assert.equal(await reader.locator(nested).count(), 1, 'once approved, everyone sees it nested');
    assert.equal(await text(reader, `${nested} .comment-body`), reply);
    assert.equal(await reader.locator(`${nested} .comment-awaiting-moderation`).count(), 0);
  });

  test('with JavaScript Reply moves the form under the comment keeping the text, Cancel puts it back, and the reply nests', async (t) => {
    const site = await siteWithArticle(t);
    const parentId = await site.approvedComment('Grace Hopper', 'Parades are cheaper than answers.');
    const page = await openPage(t);
    await page.goto(site.articleUrl);

    const draft = 'Started typing before choosing whom to answer.';
    await fillForm(page, { comment: draft });
    const parent = page.locator(`li#comment-${parentId}`);
    const formInParent = parent.locator('#respond');

    await parent.getByRole('link', { name: 'Reply to Grace Hopper' }).click();
    assert.equal(await formInParent.count(), 1, 'the form now sits inside the comment');
    assert.equal(page.url(), site.articleUrl, 'no page load');
    assert.equal(await page.locator('#comment_parent').inputValue(), String(parentId));
    assert.match(await text(page, '#reply-title'), /^Leave a Reply to Grace Hopper/);
    assert.equal(await field(page, 'Comment').inputValue(), draft);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'comment', 'focus goes to the comment field');

    await page.getByRole('link', { name: 'Cancel reply' }).click();
    assert.equal(await formInParent.count(), 0, 'the form is back below the thread');
    assert.equal(await page.locator('li.comment #respond').count(), 0);
    assert.equal(await page.locator('#comment_parent').inputValue(), '0');
    assert.ok(await page.getByRole('heading', { name: 'Leave a Reply', exact: true }).isVisible());
    assert.equal(await page.getByRole('link', { name: 'Cancel reply' }).isVisible(), false);
    assert.equal(await field(page, 'Comment').inputValue(), draft);

    await parent.getByRole('link', { name: 'Reply to Grace Hopper' }).click();
    await fillForm(page, { author: 'Nina Reader', email: 'nina@example.com' });
    const replyId = await postAndLand(page, site.articleUrl);
    const nested = `li#comment-${parentId} > ol.children > li#comment-${replyId}`;
    assert.equal(await page.locator(nested).count(), 1);

    await site.approve(replyId);
    const reader = await openPage(t);
    await reader.goto(site.articleUrl);
    assert.equal(await text(reader, `${nested} .comment-body`), draft);
  });

  test('with JavaScript, Cancel reply on a page opened at a Reply address gives the plain form back', async (t) => {
    const site = await siteWithArticle(t);
    const parentId = await site.approvedComment('Grace Hopper', 'Parades are cheaper than answers.');
    const page = await openPage(t);
    await page.goto(`${site.articleUrl}?replytocom=${parentId}#respond`); // a Reply link opened in a new tab
    assert.ok(await page.getByRole('heading', { name: 'Leave a Reply to Grace Hopper' }).isVisible());
    await fillForm(page, { comment: 'Changed my mind: this is not a reply.' });

    await page.getByRole('link', { name: 'Cancel reply' }).click();
    assert.ok(await page.getByRole('heading', { name: 'Leave a Reply', exact: true }).isVisible(), await text(page, '#reply-title'));
    assert.equal(await page.locator('#comment_parent').inputValue(), '0');
    assert.equal(await field(page, 'Comment').inputValue(), 'Changed my mind: this is not a reply.');
  });

  test('ticking "Save my name…" fills the form on the next visit, and posting without it forgets the details', async (t) => {
    const site = await siteWithArticle(t);
    const page = await openPage(t, { javaScriptEnabled: false });
    await page.goto(site.articleUrl);
    const me = { author: 'Nina Reader', email: 'nina@example.com', url: 'https://nina.example.org/' };

    await fillForm(page, { comment: 'Please remember me.', ...me, consent: true });
    await postAndLand(page, site.articleUrl);
    await page.goto(site.articleUrl);
    assert.equal(await field(page, 'Name').inputValue(), me.author);
    assert.equal(await field(page, 'Email').inputValue(), me.email);
    assert.equal(await field(page, 'Website').inputValue(), me.url);
    assert.equal(await consentBox(page).isChecked(), true);
    assert.equal(await field(page, 'Comment').inputValue(), '', 'the comment itself is not remembered');
    const saved = (await page.context().cookies()).find((c) => c.name === 'dateline_commenter');
    assert.ok(saved?.httpOnly, 'the details are kept in an HttpOnly cookie');

    site.clock.advance(60);
    await fillForm(page, { comment: 'Now forget me, please.', consent: false });
    await postAndLand(page, site.articleUrl);
    await page.goto(site.articleUrl);
    assert.equal(await field(page, 'Name').inputValue(), '');
    assert.equal(await field(page, 'Email').inputValue(), '');
    assert.equal(await field(page, 'Website').inputValue(), '');
    assert.equal(await consentBox(page).isChecked(), false);
    assert.equal((await page.context().cookies()).filter((c) => c.name === 'dateline_commenter').length, 0);
  });

  test('script in a comment or a name renders as inert text, held or approved, with or without the security policy', async (t) => {
    const site = await siteWithArticle(t);
    const payloads = [
      '<script>window.__xss=1</script>',
      '<img src=x onerror="window.__xss=1">',
      '[x](javascript:window.__xss=1)',
      '<svg/onload=alert(1)>',
      '<a href="javascript:alert(1)">click</a>',
      '<javascript:alert(1)>',
      '"><iframe srcdoc="<script>parent.__xss=1</script>">',
    ];
    const name = '"><svg onload=window.__xss=1>';

    /** A page that records every dialog; bypassCSP proves the escaping, not the CSP, stops script. */
    async function watchedPage(bypassCSP: boolean) {
      const page = await openPage(t, { bypassCSP });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      return { page, dialogs };
    }
    async function assertInert(page: Page, dialogs: string[], id: number) {
      assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined, 'no payload ran');
      assert.deepEqual(dialogs, [], 'no dialog opened');
      const item = `li#comment-${id}`;
      assert.equal(await text(page, `${item} .comment-author`), name, 'the name is shown as typed');
      const shown = await text(page, `${item} .comment-body`);
      for (const p of payloads) assert.ok(shown.includes(p.replace(/\s+/g, ' ')), `shown as text: ${p}`);
      assert.equal(await page.locator(`${item} script, ${item} img, ${item} iframe, ${item} svg:not(.avatar)`).count(), 0);
      assert.equal(await page.locator('[onerror], [onload], [srcdoc]').count(), 0);
      for (const href of await page.locator(`${item} a`).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
        assert.match(href, /^(https?:|mailto:|#|\?|\/(?!\/))/, `no scriptable link: ${href}`);
      }
    }

    const author = await watchedPage(true);
    await author.page.goto(site.articleUrl);
    await fillForm(author.page, { comment: payloads.join('\n\n'), author: name, email: 'mallory@example.com' });
    const id = await postAndLand(author.page, site.articleUrl);
    await assertInert(author.page, author.dialogs, id); // the author's own held preview

    await site.approve(id);
    for (const bypassCSP of [true, false]) {
      const { page, dialogs } = await watchedPage(bypassCSP);
      await page.goto(site.articleUrl);
      await assertInert(page, dialogs, id);
      // The enhancement writes the name into the form title: still text.
      await page.locator(`li#comment-${id} .comment-reply-link`).click();
      assert.match(await text(page, '#reply-title'), new RegExp(`^Leave a Reply to ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.equal(await page.locator('#reply-title svg').count(), 0);
      assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined);
      assert.deepEqual(dialogs, []);
    }
  });
});
