// Notifications in a real browser against a real SMTP server process: a reader ticks "Notify me
// of replies", confirms from the mail's link by pressing its button, gets a reply notification,
// and stops it from the mail's unsubscribe page — all with JavaScript off, as a mail client's
// browser might be.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { ParsedMail } from 'mailparser';
import { articleId, commentId } from '../../src/domain/ids.ts';
import { launchChromium, startTestServer } from '../support/browser.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const linkIn = (mail: ParsedMail, path: string): string => {
  const found = new RegExp(`https?://[^/\\s]+(${path}\\?token=[^\\s>"]+)`).exec(mail.text ?? '');
  assert.ok(found, `no ${path} link in:\n${mail.text}`);
  return found[1]!;
};

test('a reader subscribes from the form, confirms in the browser, hears of a reply and unsubscribes', async (t) => {
  const sink = await startSmtpSink(t);
  const server = await startTestServer(t, { config: { smtpUrl: sink.url }, settings: { requirePreviouslyApproved: false } });
  const { article, path } = await server.publishSeedArticle();
  const context = await browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(10_000);
  t.after(() => context.close());
  const page = await context.newPage();

  await page.goto(`${server.baseUrl}${path}`);
  server.clock.advance(30); // a person takes a while to write (a post within 3 s is held as a bot's)
  await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Who will answer this?');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada Reader');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.com');
  const notify = page.getByRole('checkbox', { name: 'Notify me of replies to my comment', exact: true });
  assert.equal(await notify.isChecked(), false, 'off unless ticked');
  await notify.check();
  await page.getByRole('button', { name: 'Post Comment', exact: true }).click();
  await page.waitForURL(/#comment-\d+$/);
  const mine = Number(new URL(page.url()).hash.slice('#comment-'.length));

  await server.dateline.outboxWorker.deliverDue();
  const [confirmation] = await sink.waitForMessages(1);
  await page.goto(`${server.baseUrl}${linkIn(confirmation!, '/notifications/confirm')}`);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.getByRole('heading', { name: 'Your address is confirmed' }).waitFor();

  server.clock.advance(60);
  const { comment: reply } = await server.dateline.services.submitComment({
    articleId: articleId(article.id), parentId: commentId(mine), authorName: 'Bo', authorEmail: 'bo@example.org', authorUrl: '', bodyText: 'I will!', ip: '192.0.2.99', userAgent: 'test',
  });
  assert.equal(reply.status, 'approved');
  await server.dateline.outboxWorker.deliverDue();
  const notification = (await sink.waitForMessages(2))[1]!;
  assert.match(notification.subject ?? '', /Bo replied to your comment/);

  await page.goto(`${server.baseUrl}${linkIn(notification, '/notifications/unsubscribe')}`);
  await page.getByRole('button', { name: 'Stop these mails' }).click();
  await page.getByRole('heading', { name: 'Done: no more of these mails' }).waitFor();

  await page.goto(`${server.baseUrl}${linkIn(notification, '/notifications/manage')}`);
  await page.getByText('This address gets no notifications from us.').waitFor();
});
