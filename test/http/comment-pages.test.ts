// Comment pagination (WordPress's page_comments / comments_per_page): ?cpage=N#comments, oldest
// top-level comments first, each page cached on its own and dropped with the article.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, commentForm } from '../support/build-test-app.ts';

describe('comment pages', () => {
  it('is off by default: every comment on the article page', async (t) => {
    const { app, dateline, publishSeedArticle } = await buildTestApp(t);
    const { article, path } = await publishSeedArticle();
    const settings = await dateline.stores.settings.discussion();
    assert.equal(settings.pageComments, false);
    assert.equal(settings.commentsPerPage, 50);
    for (let i = 0; i < 3; i++) await insertApproved(dateline, article.id, i);
    const html = (await app.inject(path)).body;
    assert.equal(html.match(/<li id="comment-\d+"/g)?.length, 3);
    assert.doesNotMatch(html, /comment-pages/);
  });

  it('splits top-level comments into pages with links, and sends a new comment to its page', async (t) => {
    const { app, dateline, clock, publishSeedArticle } = await buildTestApp(t, { settings: { pageComments: true, commentsPerPage: 2, requirePreviouslyApproved: false } });
    const { article, path } = await publishSeedArticle();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertApproved(dateline, article.id, i));
    const reply = await insertApproved(dateline, article.id, 5, ids[2]!); // a reply to the 3rd: on page 2 with it

    const first = (await app.inject(path)).body;
    assert.deepEqual(shown(first), [ids[0], ids[1]]);
    assert.match(first, /<nav class="comment-pages"/);
    assert.match(first, new RegExp(`href="${path}\\?cpage=2#comments"`));
    const second = await app.inject(`${path}?cpage=2`);
    assert.equal(second.statusCode, 200);
    assert.match(second.headers['cache-control'] as string, /^public/);
    assert.deepEqual(shown(second.body), [ids[2], reply, ids[3]]);
    assert.match(second.body, new RegExp(`href="${path}#comments"`)); // page 1 is the article's URL
    assert.deepEqual(shown((await app.inject(`${path}?cpage=3`)).body), [ids[4]]);
    const past = await app.inject(`${path}?cpage=9`);
    assert.equal(past.statusCode, 301);
    assert.equal(past.headers.location, `${path}#comments`);

    // A new approved comment lands on the last page: the redirect says so, and the cached page 3 is dropped.
    clock.set('2026-11-29T12:05:00Z');
    const posted = await app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm(article, { comment: 'The newest word.' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(posted.statusCode, 303);
    const newId = Number(/#comment-(\d+)$/.exec(posted.headers.location as string)![1]);
    assert.equal(posted.headers.location, `${path}?cpage=3#comment-${newId}`);
    assert.deepEqual(shown((await app.inject(`${path}?cpage=3`)).body), [ids[4], newId]);
  });
});

const shown = (html: string) => [...html.matchAll(/<li id="comment-(\d+)"/g)].map((m) => Number(m[1]));

let minute = 0;
async function insertApproved(dateline: Awaited<ReturnType<typeof buildTestApp>>['dateline'], articleId: number, i: number, parentId: number | null = null): Promise<number> {
  const comment = await dateline.stores.comments.insert({
    articleId: articleId as never,
    parentId: parentId as never,
    authorName: `Reader ${i}`,
    authorEmail: `reader${i}@example.com`,
    authorUrl: null,
    bodyText: `Comment number ${i}.`,
    bodyHtml: `<p>Comment number ${i}.</p>` as never,
    status: 'approved',
    reasons: [],
    ip: '192.0.2.1',
    ipHash: 'h',
    userAgent: 'test',
    createdAt: new Date(Date.parse('2026-11-26T00:00:00Z') + ++minute * 60_000),
  });
  // Inserted behind the page cache's back: tell it, as a use case's event would.
  dateline.cache.clear();
  return comment.id;
}
