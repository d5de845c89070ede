// The admin area in a real browser (Debian's Chromium through playwright-core): the first
// admin, signing in and out, and a moderator's work on the queue with the mouse and with the
// keyboard, with its effect on the public page. Each test gets its own site; the file shares
// one browser. Every page is watched: no console errors, no request to any other host.

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

const password = 'correct horse battery';

/**
 * A page in a new browser context (its own cookies), closed when the test ends. Console errors,
 * uncaught page errors and requests to any host but 127.0.0.1 are collected and checked then.
 */
async function openPage(t: TestContext, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  // A refused form or a used-up link is answered 4xx on purpose (the tests check those pages),
  // Chromium asks for /favicon.ico on its own, and the live-updates stream reconnects (and is
  // refused) when the test's server stops before the page does: none is an error of the page.
  const navigations = new Set<string>();
  page.on('request', (r) => {
    if (r.isNavigationRequest()) navigations.add(r.url());
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    if (/^Failed to load resource/.test(m.text()) && (navigations.has(where) || new URL(where).pathname === '/favicon.ico' || new URL(where).pathname.startsWith('/live/'))) return;
    problems.push(`console error: ${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return; // data:, about:
    if (url.hostname !== '127.0.0.1') problems.push(`request to another host: ${r.url()}`);
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], 'no console errors and no requests off 127.0.0.1');
  });
  return page;
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Does `act` and waits for the next page to load (after any redirect), its scripts run. */
async function andLand(page: Page, act: () => Promise<unknown>) {
  await Promise.all([page.waitForEvent('load'), act()]);
}

/** Clicks a submit button and waits for the page the POST lands on (after its redirect). */
async function submitAndLand(page: Page, name: string, scope: Page | ReturnType<Page['locator']> = page) {
  await andLand(page, () => scope.getByRole('button', { name, exact: true }).click());
}

/** A site with the seed article, and a staff member of `role` who can sign in with `password`. */
async function site(t: TestContext) {
  const server = await startTestServer(t);
  const { article, path } = await server.publishSeedArticle();
  return { ...server, article, articleUrl: `${server.baseUrl}${path}` };
}

async function addModerator(server: TestServer, email = 'mod@newsroom.example') {
  return server.dateline.services.addStaff.addStaff({ email, name: 'Mo Derator', role: 'moderator', password });
}

/** Signs in through the form (the page is sent to /admin/login?next=… first). */
async function signInAt(page: Page, baseUrl: string, email: string, next = '/admin/comments') {
  await page.goto(`${baseUrl}${next}`);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password').fill(password);
  await submitAndLand(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, next);
}

/** A reader posts on the article in their own browser; returns the new (held) comment's id. */
async function readerPosts(t: TestContext, s: Awaited<ReturnType<typeof site>>, values: { comment: string; author: string; email: string }, reuse?: Page) {
  const page = reuse ?? (await openPage(t));
  await page.goto(s.articleUrl);
  await fillCommentForm(page, values);
  await button(page, 'Post Comment').click();
  await page.waitForURL((url) => /^#comment-\d+$/.test(url.hash));
  s.clock.advance(60); // the flood rule: the next post from 127.0.0.1 is not "too soon"
  return { page, id: Number(new URL(page.url()).hash.slice('#comment-'.length)) };
}

async function fillCommentForm(page: Page, values: { comment: string; author: string; email: string }) {
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill(values.comment);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(values.author);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(values.email);
}

const statusOf = async (s: TestServer, id: number) => (await s.dateline.stores.comments.findById(commentId(id)))?.status;

describe('the admin area in a browser', () => {
  test('the first admin opens the one-time setup link, creates their account, lands signed in on the dashboard, and the link then stops working', async (t) => {
    const s = await site(t);
    const token = await s.dateline.services.addStaff.issueSetupToken();
    assert.ok(token, 'a site without staff issues a setup token');
    const setupUrl = `${s.baseUrl}/admin/setup?token=${encodeURIComponent(token)}`;

    const page = await openPage(t);
    await page.goto(setupUrl);
    assert.ok(await page.getByRole('heading', { name: 'Create the first admin' }).isVisible());
    await page.getByLabel('Your name').fill('Editor in Chief');
    await page.getByRole('textbox', { name: 'Email' }).fill('chief@newsroom.example');
    await page.getByLabel('Password (10 characters or more)').fill('a long enough password');
    await page.getByLabel('Password again').fill('a long enough password');
    await submitAndLand(page, 'Create admin and sign in');

    assert.equal(new URL(page.url()).pathname, '/admin/');
    assert.ok(await page.getByRole('heading', { name: 'Dashboard' }).isVisible());
    assert.match(await text(page, '.sign-out'), /Editor in Chief \(admin\)/);
    assert.ok(await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Staff' }).isVisible(), 'an admin sees every area');
    const session = (await page.context().cookies()).find((c) => c.name === 'dateline_session');
    assert.ok(session?.httpOnly, 'signed in with an HttpOnly session cookie');

    const again = await openPage(t);
    const res = await again.goto(setupUrl);
    assert.equal(res?.status(), 403, 'the link is used up');
    assert.equal(await again.getByRole('button', { name: 'Create admin and sign in' }).count(), 0);
    assert.equal(await s.dateline.services.addStaff.issueSetupToken(), null, 'no new link once an admin exists');
  });

  test('a moderator who mistypes the password sees an error with the email kept, then signs in to the page they asked for, and signs out', async (t) => {
    const s = await site(t);
    await addModerator(s);
    const page = await openPage(t);
    await page.goto(`${s.baseUrl}/admin/comments`);
    assert.equal(new URL(page.url()).pathname, '/admin/login', 'a stranger is sent to sign in');

    await page.getByRole('textbox', { name: 'Email' }).fill('mod@newsroom.example');
    await page.getByLabel('Password').fill('not my password');
    await submitAndLand(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/admin/login');
    assert.ok(await page.getByRole('alert').isVisible(), 'the error is announced');
    assert.ok(((await page.getByRole('alert').textContent()) ?? '').trim().length > 0);
    assert.equal(await page.getByRole('textbox', { name: 'Email' }).inputValue(), 'mod@newsroom.example', 'the email is kept');
    assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is not sent back');

    await page.getByLabel('Password').fill(password);
    await submitAndLand(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/admin/comments', 'back to the page asked for');
    assert.ok(await page.getByRole('heading', { name: 'Comments', exact: true }).isVisible());
    assert.match(await text(page, '.sign-out'), /Mo Derator \(moderator\)/);
    const nav = page.getByRole('navigation', { name: 'Admin' });
    assert.equal(await nav.getByRole('link', { name: 'Staff' }).count(), 0, 'a moderator is not offered the staff area');
    assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 0);

    await submitAndLand(page, 'Sign out');
    assert.equal(new URL(page.url()).pathname, '/admin/login');
    await page.goto(`${s.baseUrl}/admin/comments`);
    assert.equal(new URL(page.url()).pathname, '/admin/login', 'signed out for good');
  });

  test('a held first comment approved from the queue with the mouse appears on the public article page', async (t) => {
    const s = await site(t);
    const body = 'The map in the third paragraph is missing a river.';
    const { id } = await readerPosts(t, s, { comment: body, author: 'Nina Reader', email: 'nina@example.com' });
    assert.equal(await statusOf(s, id), 'pending', 'a first-time commenter is held');

    const anon = await openPage(t);
    await anon.goto(s.articleUrl);
    assert.equal(await anon.locator(`#comment-${id}`).count(), 0, 'not public while held');

    await addModerator(s);
    const mod = await openPage(t);
    await signInAt(mod, s.baseUrl, 'mod@newsroom.example');
    const item = mod.locator(`#q-${id}`);
    assert.ok(await item.isVisible(), 'the held comment is in the Pending tab');
    assert.match(await text(mod, `#q-${id} .comment-body`), /missing a river/);
    assert.match(await text(mod, `#q-${id} .queue-head`), /Nina Reader/);
    await submitAndLand(mod, 'Approve', item);
    assert.match(await text(mod, '.notice'), /1 comment updated/);
    assert.equal(await mod.locator(`#q-${id}`).count(), 0, 'gone from Pending');
    assert.equal(await statusOf(s, id), 'approved');

    const reader = await openPage(t);
    await reader.goto(s.articleUrl);
    assert.equal(await text(reader, `li#comment-${id} .comment-body`), body);
    assert.equal(await text(reader, `li#comment-${id} .comment-author`), 'Nina Reader');
    assert.equal(await reader.locator(`li#comment-${id} .comment-awaiting-moderation`).count(), 0);
  });

  test('a moderator bans a commenter from the queue with a reason; their next comment is refused politely with their text kept, and the ban can be lifted', async (t) => {
    const s = await site(t);
    const { id, page: readerPage } = await readerPosts(t, s, { comment: 'Buy cheap watches here.', author: 'Troll', email: 'troll@example.com' });

    await addModerator(s);
    const mod = await openPage(t);
    await signInAt(mod, s.baseUrl, 'mod@newsroom.example');
    const item = mod.locator(`#q-${id}`);
    await item.getByText('Commenter…').click();
    await item.getByLabel('Why (for the log)').fill('spam links, again');
    await submitAndLand(mod, 'Ban', item);
    assert.equal(new URL(mod.url()).pathname, '/admin/commenters');
    const row = mod.locator('table tbody tr');
    assert.equal(await row.count(), 1);
    assert.match(await text(mod, 'table tbody tr'), /Banned/);
    assert.match(await text(mod, 'table tbody tr'), /spam links, again/);

    await readerPage.goto(s.articleUrl);
    const second = 'Still selling watches, still cheap.';
    await fillCommentForm(readerPage, { comment: second, author: 'Troll', email: 'troll@example.com' });
    const [response] = await Promise.all([readerPage.waitForResponse((r) => r.request().method() === 'POST'), readerPage.waitForEvent('load'), button(readerPage, 'Post Comment').click()]);
    assert.ok(response.status() >= 400 && response.status() < 500, `refused (${response.status()})`);
    assert.match((await readerPage.locator('body').textContent()) ?? '', /Comments from you are not accepted on this site/);
    assert.equal(await readerPage.getByRole('textbox', { name: 'Comment', exact: true }).inputValue(), second, 'their text is still in the form');
    const stored = await s.dateline.stores.comments.countByStatus({});
    assert.equal(Object.values(stored).reduce((a, b) => a + (b ?? 0), 0), 1, 'nothing of the refused comment is stored');

    await submitAndLand(mod, 'Lift', row);
    assert.ok(await mod.getByText('No rules.').isVisible(), 'the rule is gone');
    s.clock.advance(60);
    await readerPage.goto(s.articleUrl);
    await fillCommentForm(readerPage, { comment: 'I promise to behave.', author: 'Troll', email: 'troll@example.com' });
    await button(readerPage, 'Post Comment').click();
    await readerPage.waitForURL((url) => /^#comment-\d+$/.test(url.hash));
  });

  test('a moderator works the queue with the keyboard alone: j j a approves the second comment, s spams the one now in its place, ? opens the help', async (t) => {
    const s = await site(t);
    const ids: number[] = [];
    let readers: Page | undefined; // one browser for the three readers: the clock moves between posts
    for (const [author, comment] of [
      ['Ann One', 'First held comment.'],
      ['Ben Two', 'Second held comment.'],
      ['Cat Three', 'Third held comment.'],
    ] as const) {
      const posted = await readerPosts(t, s, { comment, author, email: `${author.split(' ')[0]!.toLowerCase()}@example.com` }, readers);
      readers = posted.page;
      ids.push(posted.id);
    }
    await addModerator(s);
    const mod = await openPage(t);
    await signInAt(mod, s.baseUrl, 'mod@newsroom.example');
    const order = await mod.locator('#queue .queue-item').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-comment-id'))));
    assert.deepEqual([...order].sort(), [...ids].sort(), 'all three are pending');

    await mod.keyboard.press('j');
    await mod.keyboard.press('j');
    assert.equal(await mod.evaluate(() => document.activeElement?.getAttribute('data-comment-id')), String(order[1]), 'the second comment has focus');
    assert.equal(await mod.locator('.queue-item.current').count(), 1);
    await andLand(mod, () => mod.keyboard.press('a'));
    assert.equal(await statusOf(s, order[1]!), 'approved');
    assert.match(await text(mod, '.notice'), /1 comment updated/);

    const left = await mod.locator('#queue .queue-item').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-comment-id'))));
    assert.deepEqual(left, [order[0], order[2]]);
    // After the reload the moderator is still at the second place, now the third comment.
    assert.equal(await mod.evaluate(() => document.activeElement?.getAttribute('data-comment-id')), String(order[2]), 'the place in the queue is kept');
    await andLand(mod, () => mod.keyboard.press('s'));
    assert.equal(await statusOf(s, left[1]!), 'spam', 's acts on the comment now in that place');
    assert.equal(await statusOf(s, left[0]!), 'pending', 'the other is untouched');

    const help = mod.getByRole('dialog', { name: 'Keyboard shortcuts' });
    assert.equal(await help.isVisible(), false);
    await mod.keyboard.press('k'); // the last pending comment is current…
    await mod.keyboard.press('?');
    assert.ok(await help.isVisible(), '? opens the help');
    assert.match((await help.textContent()) ?? '', /j \/ k: next \/ previous comment/);
    assert.match((await help.textContent()) ?? '', /f: feature/, 'every shortcut the queue answers is listed');
    let posted = false;
    mod.on('request', (r) => {
      if (r.method() === 'POST') posted = true;
    });
    await mod.keyboard.press('a'); // …but keys pressed while the help is open do not act behind it
    await mod.waitForTimeout(300);
    assert.equal(posted, false, 'no action while the help dialog is open');
    assert.ok(await help.isVisible());
    await mod.keyboard.press('Escape');
    assert.equal(await help.isVisible(), false, 'Escape closes it');
    assert.equal(await statusOf(s, left[0]!), 'pending');
  });
});
