// The page cache: validators and Cache-Control on shared pages, gzip/Brotli variants, and —
// the point of it all — never a stale page after any action that changes what a page shows.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { commentId, type CommentId } from '../../src/domain/ids.ts';
import { negotiateEncoding } from '../../src/http/send-page.ts';
import { buildTestApp, commentForm, type TestApp } from '../support/build-test-app.ts';

const anonymous = async (app: TestApp['app'], url: string) => {
  const res = await app.inject(url);
  assert.equal(res.statusCode, 200, url);
  assert.match(res.headers['cache-control'] as string, /^public/, 'served as the shared (cacheable) page');
  return res.body;
};

/** Posts a comment through the form and returns its id (from the 303's #comment-N). */
async function post(app: TestApp['app'], articleId: number, fields: Record<string, string>): Promise<CommentId> {
  const res = await app.inject({ method: 'POST', url: '/comments', payload: new URLSearchParams(commentForm({ id: articleId } as never, fields)).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.statusCode, 303, res.body.slice(0, 200));
  return commentId(Number(/#comment-(\d+)$/.exec(res.headers.location as string)![1]));
}

describe('the page cache', () => {
  it('sends ETag, Last-Modified, a CDN-friendly Cache-Control and Vary; answers 304 to either validator', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    const first = await app.inject(path);
    assert.equal(first.statusCode, 200);
    assert.match(first.headers.etag as string, /^"[\w-]+"$/);
    assert.equal(first.headers['last-modified'], 'Sun, 29 Nov 2026 12:00:00 GMT');
    assert.equal(first.headers['cache-control'], 'public, max-age=0, s-maxage=5, stale-while-revalidate=60');
    assert.equal(first.headers.vary, 'Accept-Encoding, Cookie');
    const byTag = await app.inject({ url: path, headers: { 'if-none-match': first.headers.etag as string } });
    assert.equal(byTag.statusCode, 304);
    assert.equal(byTag.body, '');
    const byDate = await app.inject({ url: path, headers: { 'if-modified-since': first.headers['last-modified'] as string } });
    assert.equal(byDate.statusCode, 304);
    const older = await app.inject({ url: path, headers: { 'if-modified-since': 'Sat, 28 Nov 2026 12:00:00 GMT' } });
    assert.equal(older.statusCode, 200);
    const front = await app.inject('/');
    assert.equal(front.headers['cache-control'], 'public, max-age=0, s-maxage=5, stale-while-revalidate=60');
  });

  it('serves gzip and Brotli variants of the same bytes, each with its own tag', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    const plain = await app.inject(path);
    const gz = await app.inject({ url: path, headers: { 'accept-encoding': 'gzip, deflate' } });
    const br = await app.inject({ url: path, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(gunzipSync(gz.rawPayload), plain.rawPayload);
    assert.deepEqual(brotliDecompressSync(br.rawPayload), plain.rawPayload);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2);
    assert.equal(new Set([plain.headers.etag, gz.headers.etag, br.headers.etag]).size, 3);
    // A client holding any variant's tag has this version of the page.
    const revalidated = await app.inject({ url: path, headers: { 'accept-encoding': 'br', 'if-none-match': gz.headers.etag as string } });
    assert.equal(revalidated.statusCode, 304);
  });

  it('negotiates Accept-Encoding, honouring q=0', () => {
    assert.equal(negotiateEncoding(undefined), 'identity');
    assert.equal(negotiateEncoding('gzip'), 'gzip');
    assert.equal(negotiateEncoding('br;q=1.0, gzip;q=0.8'), 'br');
    assert.equal(negotiateEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(negotiateEncoding('identity'), 'identity');
    assert.equal(negotiateEncoding('*'), 'br');
  });

  it('keeps personal pages out of every cache', async (t) => {
    const { app, publishSeedArticle } = await buildTestApp(t);
    const { path } = await publishSeedArticle();
    const replying = await app.inject({ url: `${path}?replytocom=1`, headers: { 'accept-encoding': 'br' } });
    assert.equal(replying.headers['cache-control'], 'private, no-store');
    assert.equal(replying.headers.etag, undefined);
  });

  it('never serves a stale page after any action that changes it', async (t) => {
    const { app, dateline, clock, publishSeedArticle } = await buildTestApp(t);
    const { article, path } = await publishSeedArticle();
    const moderate = (id: CommentId, action: 'approve' | 'spam' | 'trash' | 'restore') =>
      dateline.services.moderateComment({ commentId: id, action, actor: 'test' });
    const showsComment = async (id: CommentId) => (await anonymous(app, path)).includes(`id="comment-${id}"`);
    clock.set('2026-11-29T12:00:01Z');

    // A held comment (first-time commenter): not on the page, and the cached page stays right.
    await anonymous(app, path); // cached
    const held = await post(app, article.id, { comment: 'Held until a moderator looks.', author: 'New Reader', email: 'new@example.com' });
    assert.equal(await showsComment(held), false);

    // approve → shown
    await moderate(held, 'approve');
    assert.equal(await showsComment(held), true, 'after approve');
    // A new comment approved at once (the same reader, now previously approved) → shown
    await anonymous(app, path);
    clock.set('2026-11-29T12:01:00Z'); // past the flood interval
    const auto = await post(app, article.id, { comment: 'Approved at once this time.', author: 'New Reader', email: 'new@example.com' });
    assert.equal(await showsComment(auto), true, 'after a new approved comment');
    // spam → gone
    await moderate(auto, 'spam');
    assert.equal(await showsComment(auto), false, 'after spam');
    // trash → gone
    assert.equal(await showsComment(held), true);
    await moderate(held, 'trash');
    assert.equal(await showsComment(held), false, 'after trash');
    // restore → back in the queue (pending): still not public; approve → shown again
    await moderate(held, 'restore');
    assert.equal(await showsComment(held), false, 'after restore (pending)');
    await moderate(held, 'approve');
    assert.equal(await showsComment(held), true, 'after restore and approve');
    // spam → restore of an approved-then-spammed comment also leaves the page right
    await moderate(auto, 'restore');
    assert.equal(await showsComment(auto), false, 'after restore from spam (pending)');

    // article republished with a new body → the new text
    const before = await anonymous(app, path);
    assert.ok(!before.includes('A correction was added.'));
    await publishSeedArticle(undefined, { bodyMarkdown: `${article.bodyMarkdown}\n\nA correction was added.` });
    assert.ok((await anonymous(app, path)).includes('A correction was added.'), 'after republish');

    // Discussion settings change (close comments after 1 day; the article is 4 days old)
    assert.ok(!(await anonymous(app, path)).includes('Comments are closed on this article.'));
    await dateline.services.saveSettings({ closeCommentsAfterDays: 1 });
    assert.ok((await anonymous(app, path)).includes('Comments are closed on this article.'), 'after a settings change');
    await dateline.services.saveSettings({ closeCommentsAfterDays: 0 });
    assert.ok(!(await anonymous(app, path)).includes('Comments are closed on this article.'), 'after changing it back');
  });
});
