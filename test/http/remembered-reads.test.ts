// The Discussion settings and the articles commented on are kept in memory on SQLite
// (lib/remembered.ts, storage/sql-stores.ts). A comment POST must still see every change at
// once: one made through this instance, and one made by another process on the same database.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDateline } from '../../src/main.ts';
import { commentId, type ArticleId } from '../../src/domain/ids.ts';
import { buildTestApp, commentForm, type TestApp } from '../support/build-test-app.ts';

/** Posts a comment and says what became of it: its status, or the refusal's status code. */
async function post(test: TestApp, articleId: ArticleId, n: number): Promise<string> {
  const form = commentForm({ id: articleId }, { comment: `Comment number ${n}, with enough words.`, author: `Reader ${n}`, email: `reader${n}@example.com` });
  const response = await test.app.inject({ method: 'POST', url: '/wp-comments-post.php', payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  if (response.statusCode !== 303) return String(response.statusCode);
  const id = Number(/#comment-(\d+)$/.exec(response.headers.location as string)?.[1]);
  return (await test.dateline.stores.comments.findById(commentId(id)))!.status;
}

/** Lets the event loop turn once: the data_version check is made once per turn. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('settings and articles kept in memory', () => {
  it('are read again once another process on the same database changes them', async (t) => {
    const test = await buildTestApp(t, { settings: { requirePreviouslyApproved: false, floodIntervalSeconds: 0 } });
    const { article } = await test.publishSeedArticle();
    assert.equal(await post(test, article.id, 1), 'approved');

    // Another process: a second Dateline on the same database (its own connection, no events).
    const other = await createDateline(test.config, { clock: test.clock });
    t.after(() => other.close());
    await other.stores.settings.saveDiscussion({ holdAllComments: true });
    await nextTurn();
    assert.equal(await post(test, article.id, 2), 'pending', 'the new setting applies');

    const { article: current, authorStaffId } = (await other.stores.articles.findForDesk(article.id))!;
    await other.stores.articles.update(article.id, { ...current, commentsOpen: false, authorStaffId });
    await nextTurn();
    assert.equal(await post(test, article.id, 3), '403', 'comments closed on the article are refused');
  });

  it('are read again once this instance changes them', async (t) => {
    const test = await buildTestApp(t, { settings: { requirePreviouslyApproved: false, floodIntervalSeconds: 0 } });
    const { article } = await test.publishSeedArticle();
    assert.equal(await post(test, article.id, 1), 'approved');
    await test.dateline.services.saveSettings({ holdAllComments: true });
    assert.equal(await post(test, article.id, 2), 'pending');
    await test.dateline.stores.settings.saveDiscussion({ holdAllComments: false });
    assert.equal(await post(test, article.id, 3), 'approved', 'a direct write through the store counts too');
    await test.publishSeedArticle(undefined, { commentsOpen: false });
    assert.equal(await post(test, article.id, 4), '403');
  });
});
