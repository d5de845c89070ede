// Highlighting and snippets: which words are marked, where a long text is cut, and that the
// runs are plain text for the view to escape.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HighlightedText } from '../domain/search.ts';
import { articlePlainText } from './article-text.ts';
import { highlight, snippet } from './highlight.ts';

/** Marked words in [brackets], the rest as is. */
const show = (text: HighlightedText) => text.map((r) => (r.mark ? `[${r.text}]` : r.text)).join('');

describe('highlight', () => {
  it('marks whole words that start with a term, whatever their case and accents', () => {
    assert.equal(show(highlight('Café owners run cafes; a scaffold is no café.', ['cafe'])), '[Café] owners run [cafes]; a scaffold is no [café].');
  });

  it('marks a word the term stems to, like “election” for “elections”', () => {
    assert.equal(show(highlight('The election and the elect', ['elections'])), 'The [election] and the elect');
  });

  it('keeps markup-looking text as plain text runs', () => {
    assert.deepEqual(highlight('<b>bold</b> move', ['bold']), [
      { text: '<b>', mark: false },
      { text: 'bold', mark: true },
      { text: '</b> move', mark: false },
    ]);
  });
});

describe('snippet', () => {
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${from + i}`).join(' ');

  it('returns a short text whole', () => {
    assert.equal(show(snippet('A short text about tides.', ['tides'])), 'A short text about [tides].');
  });

  it('cuts a long text around the passage with the most matches, with ellipses', () => {
    const text = `${words(50)} tide ${words(40, 50)} tide and tide ${words(40, 90)}`;
    assert.equal(show(snippet(text, ['tide'], 10)), '… w86 w87 w88 w89 [tide] and [tide] w90 w91 w92 …');
  });

  it('starts at the beginning when nothing in the text matches', () => {
    assert.equal(show(snippet(words(20), ['absent'], 5)), 'w0 w1 w2 w3 w4 …');
  });
});

describe('articlePlainText', () => {
  it('keeps the words a reader sees and drops markup, link targets and raw HTML', () => {
    const markdown = '# Heading\n\nSome *emphasis* and a [link](https://example.com/x) and `code <x>`.\n\n<div class="raw">hidden markup</div>\n\n![A chart](chart.png) &amp; "quotes"';
    assert.equal(articlePlainText(markdown), 'Heading Some emphasis and a link and code <x>. A chart & “quotes”');
  });
});
