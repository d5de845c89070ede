import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countLinks, renderArticleMarkdown, renderCommentMarkdown } from './markdown.ts';

describe('comment markup', () => {
  it('makes paragraphs, emphasis, code, quotes and lists', () => {
    const html = renderCommentMarkdown('*hi* and `x`\n\n> quoted\n\n- one\n- two');
    assert.match(html, /<p><em>hi<\/em> and <code>x<\/code><\/p>/);
    assert.match(html, /<blockquote>/);
    assert.match(html, /<ul>\s*<li>one<\/li>/);
  });

  it('links bare URLs and marks every link nofollow ugc', () => {
    const html = renderCommentMarkdown('see https://example.org and [this](https://example.com/x)');
    assert.equal(countLinks(html), 2);
    assert.equal(html.match(/rel="nofollow ugc"/g)?.length, 2);
  });

  it('lets no raw HTML or script URL through', () => {
    const html = renderCommentMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="https://e.com" onclick="x()">a</a>');
    assert.doesNotMatch(html, /<script|<img/i); // no such element, only escaped text
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i); // no element with an event handler
    assert.doesNotMatch(html, /href="javascript:/i);
    assert.match(html, /&lt;script&gt;/);
  });

  it('drops headings and images, which comments do not offer', () => {
    const html = renderCommentMarkdown('# Big\n\n![alt](https://example.org/a.png)');
    assert.doesNotMatch(html, /<h1|<img/);
  });
});

describe('article markup', () => {
  it('keeps headings and typographic quotes but strips scripts and handlers', () => {
    const html = renderArticleMarkdown('## Title\n\n"Quoted" text <script>x()</script><p onclick="y()">p</p>');
    assert.match(html, /<h2>Title<\/h2>/);
    assert.match(html, /“Quoted”/);
    assert.doesNotMatch(html, /<script|onclick/);
  });
});
