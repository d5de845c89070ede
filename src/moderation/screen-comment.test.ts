import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../domain/article.ts';
import { AppError } from '../domain/errors.ts';
import { articleId, commentId } from '../domain/ids.ts';
import { defaultDiscussionSettings } from '../domain/settings.ts';
import { trustHtml } from '../domain/trusted-html.ts';
import { renderCommentMarkdown } from '../lib/markdown.ts';
import type { CheckContext } from './check.ts';
import { checkOrder } from './check-order.ts';
import { screenComment } from './screen-comment.ts';

const now = new Date('2026-11-29T12:00:00Z');
const article = { id: articleId(1), commentsOpen: true, publishedAt: new Date('2026-11-25T00:00:00Z') } as Article;

function ctx(changes: Partial<CheckContext> & { body?: string } = {}): CheckContext {
  const body = changes.body ?? 'A reasonable comment.';
  return {
    draft: { articleId: article.id, parentId: null, authorName: 'Ada', authorEmail: 'ada@example.com', authorUrl: null, bodyText: body },
    bodyHtml: renderCommentMarkdown(body),
    article,
    parent: null,
    settings: defaultDiscussionSettings,
    now,
    approvedBySameAuthor: 1,
    isDuplicate: false,
    lastCommentAt: null,
    ip: '192.0.2.1',
    userAgent: 'test',
    rules: [],
    form: null,
    rateLimit: { over: null, solved: false, holdRequested: false },
    spamScore: null,
    ...changes,
  };
}

const refusal = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

describe('screenComment with the default check order', () => {
  it('approves a returning commenter’s ordinary comment', () => {
    assert.deepEqual(screenComment(ctx(), checkOrder), { status: 'approved', reasons: [] });
  });

  it('holds a first-time commenter’s comment for review', () => {
    const v = screenComment(ctx({ approvedBySameAuthor: 0 }), checkOrder);
    assert.equal(v.status, 'pending');
    assert.deepEqual(v.reasons.map((r) => r.code), ['first_comment']);
  });

  it('holds a comment with two links, counting bare URLs, and records every reason', () => {
    const v = screenComment(ctx({ body: 'see https://a.example and https://b.example', approvedBySameAuthor: 0 }), checkOrder);
    assert.equal(v.status, 'pending');
    assert.deepEqual(v.reasons.map((r) => r.code), ['too_many_links', 'first_comment']);
    assert.equal(screenComment(ctx({ body: 'just https://a.example' }), checkOrder).status, 'approved');
  });

  it('holds a comment with a moderation word, matched inside words and any case', () => {
    const settings = { ...defaultDiscussionSettings, moderationWords: ['press'] };
    const v = screenComment(ctx({ body: 'I love WordPRESS', settings }), checkOrder);
    assert.equal(v.status, 'pending');
    assert.match(v.reasons[0]!.detail, /press.*comment/);
  });

  it('sends a comment with a disallowed word to spam, whatever else applies', () => {
    const settings = { ...defaultDiscussionSettings, disallowedWords: ['casino'], moderationWords: ['love'] };
    const v = screenComment(ctx({ body: 'love this casino', settings, approvedBySameAuthor: 0 }), checkOrder);
    assert.deepEqual(v, { status: 'spam', reasons: [{ check: 'disallowed-words', code: 'disallowed_word', detail: '“casino” in comment' }] });
  });

  it('matches word lists against the name, email, website, IP and user agent too', () => {
    const settings = { ...defaultDiscussionSettings, disallowedWords: ['198.51.100.'] };
    assert.equal(screenComment(ctx({ settings, ip: '198.51.100.7' }), checkOrder).status, 'spam');
  });

  it('holds everything when the site pre-moderates', () => {
    const settings = { ...defaultDiscussionSettings, holdAllComments: true };
    assert.equal(screenComment(ctx({ settings }), checkOrder).status, 'pending');
  });

  it('refuses a duplicate', () => {
    assert.throws(() => screenComment(ctx({ isDuplicate: true }), checkOrder), refusal('duplicate_comment'));
  });

  it('refuses a comment 15 seconds after the last one, and allows it after', () => {
    assert.throws(() => screenComment(ctx({ lastCommentAt: new Date(now.getTime() - 14_999) }), checkOrder), refusal('comment_flood'));
    assert.equal(screenComment(ctx({ lastCommentAt: new Date(now.getTime() - 15_000) }), checkOrder).status, 'approved');
  });

  it('refuses a reply to a held comment or to a comment on another article', () => {
    const draft = { ...ctx().draft, parentId: commentId(9) };
    assert.throws(() => screenComment(ctx({ draft, parent: { articleId: article.id, status: 'pending' } }), checkOrder), refusal('parent_invalid'));
    assert.throws(() => screenComment(ctx({ draft, parent: { articleId: articleId(2), status: 'approved' } }), checkOrder), refusal('parent_invalid'));
    assert.throws(() => screenComment(ctx({ draft, parent: null }), checkOrder), refusal('parent_invalid'));
    assert.equal(screenComment(ctx({ draft, parent: { articleId: article.id, status: 'approved' } }), checkOrder).status, 'approved');
  });

  it('checks refusals before verdicts: a duplicate of spam is still refused, not spammed again', () => {
    const settings = { ...defaultDiscussionSettings, disallowedWords: ['casino'] };
    assert.throws(() => screenComment(ctx({ body: 'casino', settings, isDuplicate: true }), checkOrder), refusal('duplicate_comment'));
  });

  it('turns off link holding when maxLinks is 0', () => {
    const settings = { ...defaultDiscussionSettings, maxLinks: 0 };
    assert.equal(screenComment(ctx({ settings, bodyHtml: trustHtml('<a href="x">1</a><a href="y">2</a>') }), checkOrder).status, 'approved');
  });
});

describe('signs of a bot and rate limits', () => {
  const formOk = { honeypotFilled: false, token: { state: 'ok' as const, ageMs: 60_000 } };
  const heldFor = (c: CheckContext) => screenComment(c, checkOrder).reasons.map((r) => r.code);

  it('holds a comment whose honeypot field was filled, or whose form token is forged or too fresh', () => {
    assert.deepEqual(heldFor(ctx({ form: { ...formOk, honeypotFilled: true } })), ['honeypot_filled']);
    assert.deepEqual(heldFor(ctx({ form: { honeypotFilled: false, token: { state: 'invalid' } } })), ['form_token_invalid']);
    assert.deepEqual(heldFor(ctx({ form: { honeypotFilled: false, token: { state: 'too_fast', ageMs: 1200 } } })), ['form_too_fast']);
    assert.match(screenComment(ctx({ form: { honeypotFilled: false, token: { state: 'too_fast', ageMs: 1200 } } }), checkOrder).reasons[0]!.detail, /1\.2 s after/);
  });

  it('does not hold a form post without a token, nor anything that is not a form post', () => {
    assert.equal(screenComment(ctx({ form: { honeypotFilled: false, token: { state: 'missing' } } }), checkOrder).status, 'approved');
    assert.equal(screenComment(ctx({ form: formOk }), checkOrder).status, 'approved');
    assert.equal(screenComment(ctx({ form: null }), checkOrder).status, 'approved');
  });

  it('asks for the puzzle over a rate limit, lets a solver through and holds one who chose moderation', () => {
    const over = '21 comments from this address in the last hour';
    assert.throws(() => screenComment(ctx({ rateLimit: { over, solved: false, holdRequested: false } }), checkOrder), refusal('rate_limited'));
    assert.equal(screenComment(ctx({ rateLimit: { over, solved: true, holdRequested: false } }), checkOrder).status, 'approved');
    const held = screenComment(ctx({ rateLimit: { over, solved: false, holdRequested: true } }), checkOrder);
    assert.deepEqual([held.status, held.reasons[0]?.code], ['pending', 'rate_limited_held']);
  });
});
