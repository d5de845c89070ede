import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maxTokensPerComment, spamTokens } from './spam-tokens.ts';

describe('spamTokens', () => {
  it('reads lowercased words once each, and each link as its hostname only', () => {
    assert.deepEqual(spamTokens('Buy CHEAP pills at https://www.Pills.example/buy?x=1 now, buy!'), ['host:pills.example', 'buy', 'cheap', 'pills', 'at', 'now']);
  });

  it('takes a www. address without a scheme as a link too', () => {
    assert.deepEqual(spamTokens('visit www.example.org today'), ['host:example.org', 'visit', 'today']);
  });

  it('leaves out single letters and keeps apostrophes and accents inside words', () => {
    assert.deepEqual(spamTokens('I don’t think Zürich’s café is a b c'), ['don’t', 'think', 'zürich’s', 'café', 'is']);
  });

  it('leaves out words longer than 30 characters', () => {
    assert.deepEqual(spamTokens(`ok ${'x'.repeat(31)}`), ['ok']);
  });

  it(`keeps at most ${maxTokensPerComment} tokens, the first ones`, () => {
    const tokens = spamTokens(Array.from({ length: 300 }, (_, i) => `w${i}`).join(' '));
    assert.equal(tokens.length, maxTokensPerComment);
    assert.equal(tokens[0], 'w0');
    assert.equal(tokens.at(-1), 'w199');
  });
});
