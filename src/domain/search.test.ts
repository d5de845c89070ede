// Reading a reader's query: its words, and the queries refused before any database is asked.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maxQueryChars, readSearchQuery, searchTerms } from './search.ts';

describe('searchTerms', () => {
  it('keeps only words, lower-cased, once each, dropping every kind of syntax', () => {
    assert.deepEqual(searchTerms('"North" AND (korea* OR north) -title:x ^NEAR\u0000'), ['north', 'and', 'korea', 'or', 'title', 'x', 'near']);
  });

  it('keeps letters of every script and joins decomposed accents', () => {
    assert.deepEqual(searchTerms('北朝鮮 cafe\u0301 ǅemal 🙂'), ['北朝鮮', 'café', 'ǆemal']);
  });
});

describe('readSearchQuery', () => {
  it('tells an empty query, a too-long one and one without words apart', () => {
    assert.deepEqual(readSearchQuery('  \t '), { ok: false, problem: 'empty', text: '' });
    assert.deepEqual(readSearchQuery('x'.repeat(maxQueryChars + 1)), { ok: false, problem: 'too_long', text: 'x'.repeat(maxQueryChars + 1) });
    assert.deepEqual(readSearchQuery('**"()"**'), { ok: false, problem: 'no_words', text: '**"()"**' });
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    const query = `${'é'.repeat(maxQueryChars - 1)}北`;
    assert.equal(readSearchQuery(query).ok, true);
  });
});
