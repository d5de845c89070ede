import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, isCommentingOpen, isPublic, slugify } from './article.ts';
import { defaultDiscussionSettings } from './settings.ts';

const now = new Date('2026-11-29T12:00:00Z');

describe('articles', () => {
  it('is public only once published and its date has come', () => {
    assert.equal(isPublic({ status: 'published', publishedAt: new Date('2026-11-25T09:00:00Z') }, now), true);
    assert.equal(isPublic({ status: 'published', publishedAt: new Date('2026-12-01T09:00:00Z') }, now), false);
    assert.equal(isPublic({ status: 'draft', publishedAt: new Date('2026-11-25T09:00:00Z') }, now), false);
  });

  it('closes comments by its own setting, or by age when the site closes old articles', () => {
    const old = { commentsOpen: true, publishedAt: new Date('2026-11-01T00:00:00Z') };
    assert.equal(isCommentingOpen(old, defaultDiscussionSettings, now), true);
    assert.equal(isCommentingOpen({ ...old, commentsOpen: false }, defaultDiscussionSettings, now), false);
    assert.equal(isCommentingOpen(old, { ...defaultDiscussionSettings, closeCommentsAfterDays: 14 }, now), false);
    assert.equal(isCommentingOpen(old, { ...defaultDiscussionSettings, closeCommentsAfterDays: 30 }, now), true);
  });

  it('lives at /YYYY/MM/DD/slug/ by its UTC publication date', () => {
    assert.equal(articlePath({ slug: 'a-b', publishedAt: new Date('2026-01-05T23:30:00Z') }), '/2026/01/05/a-b/');
  });

  it('makes slugs of lower-case ASCII words', () => {
    assert.equal(slugify('Soldiers Return — to Fanfare, Café!'), 'soldiers-return-to-fanfare-cafe');
  });
});
