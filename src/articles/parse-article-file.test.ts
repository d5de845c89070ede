import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseArticleFile } from './parse-article-file.ts';
import { AppError } from '../domain/errors.ts';

it('reads the model article: front matter and Markdown body', () => {
  const file = parseArticleFile(readFileSync(new URL('../../../shared/fixtures/seed-article.md', import.meta.url), 'utf8'));
  assert.equal(file.slug, 'north-korean-soldiers-return-to-fanfare');
  assert.equal(file.section, 'World');
  assert.equal(file.publishedAt?.toISOString(), '2026-11-25T09:00:00.000Z');
  assert.equal(file.commentsOpen, true);
  assert.match(file.bodyMarkdown, /^North Korean state media/);
});

it('derives the slug from the title and defaults to open, published', () => {
  const file = parseArticleFile('---\ntitle: Hello, World\n---\nBody');
  assert.equal(file.slug, 'hello-world');
  assert.equal(file.status, 'published');
  assert.equal(file.commentsOpen, true);
  assert.equal(file.publishedAt, null);
});

it('explains what is wrong with a bad file', () => {
  const cases: [string, RegExp][] = [
    ['no front matter', /front matter/],
    ['---\nsection: x\n---\n', /title/],
    ['---\ntitle: x\ncomments: maybe\n---\n', /comments/],
    ['---\ntitle: x\npublished: someday\n---\n', /published/],
    ['---\ntitle: x\nslug: Not A Slug\n---\n', /slug/],
    ['---\ntitle: [unclosed\n---\n', /YAML/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseArticleFile(text), (e: unknown) => e instanceof AppError && message.test(e.message), text);
  }
});
