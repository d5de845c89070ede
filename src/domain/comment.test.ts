import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeWebsite, validateCommentInput, type CommentInput } from './comment.ts';
import { InvalidFields } from './errors.ts';
import { articleId } from './ids.ts';

const input = (fields: Partial<CommentInput> = {}): CommentInput => ({
  articleId: articleId(1),
  parentId: null,
  authorName: 'Ada',
  authorEmail: 'ada@example.com',
  authorUrl: '',
  bodyText: 'Hello',
  ...fields,
});

const codesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidFields) return e.errors.map((x) => `${x.field}:${x.code}`);
    throw e;
  }
  return [];
};

const opts = { requireNameEmail: true };

describe('validateCommentInput', () => {
  it('trims every field and lower-cases the email', () => {
    const d = validateCommentInput(input({ authorName: '  Ada  ', authorEmail: ' Ada@Example.COM ', bodyText: '\n hi \n' }), opts);
    assert.equal(d.authorName, 'Ada');
    assert.equal(d.authorEmail, 'ada@example.com');
    assert.equal(d.bodyText, 'hi');
  });

  it('drops control characters such as NUL, keeping tabs and newlines', () => {
    const d = validateCommentInput(input({ authorName: 'A\u0000da', bodyText: 'one\u0007\ttwo\nthree' }), opts);
    assert.equal(d.authorName, 'Ada');
    assert.equal(d.bodyText, 'one\ttwo\nthree');
  });

  it('reports every missing required field at once, each on its field', () => {
    assert.deepEqual(codesOf(() => validateCommentInput(input({ authorName: ' ', authorEmail: '', bodyText: '  ' }), opts)), [
      'comment:comment_required',
      'author:name_required',
      'email:email_required',
    ]);
  });

  it('lets name and email be empty when the site does not require them', () => {
    const d = validateCommentInput(input({ authorName: '', authorEmail: '' }), { requireNameEmail: false });
    assert.equal(d.authorName, 'Anonymous');
    assert.equal(d.authorEmail, '');
  });

  it('measures the limits in bytes, not characters', () => {
    const name245 = 'é'.repeat(122) + 'a'; // 2 bytes each: 244 + 1
    assert.deepEqual(codesOf(() => validateCommentInput(input({ authorName: name245 }), opts)), []);
    assert.deepEqual(codesOf(() => validateCommentInput(input({ authorName: name245 + 'a' }), opts)), ['author:name_too_long']);
    assert.deepEqual(codesOf(() => validateCommentInput(input({ bodyText: 'x'.repeat(65_525) }), opts)), []);
    assert.deepEqual(codesOf(() => validateCommentInput(input({ bodyText: '€'.repeat(21_842) }), opts)), ['comment:comment_too_long']); // 65,526 bytes
    assert.deepEqual(codesOf(() => validateCommentInput(input({ authorEmail: `${'a'.repeat(89)}@example.com` }), opts)), ['email:email_too_long']);
    assert.deepEqual(codesOf(() => validateCommentInput(input({ authorUrl: `https://example.com/${'a'.repeat(181)}` }), opts)), ['url:url_too_long']);
  });

  it('refuses an email that is not an address', () => {
    assert.deepEqual(codesOf(() => validateCommentInput(input({ authorEmail: 'not-an-email' }), opts)), ['email:email_invalid']);
  });

  it('refuses a website that is not http or https', () => {
    assert.deepEqual(codesOf(() => validateCommentInput(input({ authorUrl: 'javascript:alert(1)' }), opts)), ['url:url_invalid']);
  });
});

describe('normalizeWebsite', () => {
  it('adds https:// to a bare host and keeps http(s) addresses', () => {
    assert.equal(normalizeWebsite('example.org'), 'https://example.org/');
    assert.equal(normalizeWebsite('http://example.org/a?b=1'), 'http://example.org/a?b=1');
    assert.equal(normalizeWebsite('  '), null);
  });

  it('refuses other schemes and hosts without a dot', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.org', 'https://intranet', 'http://']) {
      assert.equal(normalizeWebsite(bad), 'invalid', bad);
    }
  });
});
