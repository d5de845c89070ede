import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquaredSurvival, spamProbability, tokenSpamProbability } from './spam-probability.ts';

// Expected values are worked out by hand from the formulas (Robinson: f = (s·x + n·p) / (s + n)
// with s = 1, x = 0.5; Fisher: (1 + S − H) / 2), not taken from the code.
const even = { spam: 20, ham: 20 };
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} ≠ ${expected}`);

describe('tokenSpamProbability', () => {
  it('weighs a token by the share of each kind of comment containing it, pulled toward 0.5', () => {
    // p = (3/20) / (3/20 + 1/20) = 0.75; n = 4; f = (0.5 + 3) / 5
    close(tokenSpamProbability({ token: 't', spam: 3, ham: 1 }, even), 0.7);
  });

  it('corrects for having learned more of one kind than the other', () => {
    // p = (2/10) / (2/10 + 2/40) = 0.8; n = 4; f = (0.5 + 3.2) / 5
    close(tokenSpamProbability({ token: 't', spam: 2, ham: 2 }, { spam: 10, ham: 40 }), 0.74);
  });

  it('gives an unseen token 0.5', () => {
    assert.equal(tokenSpamProbability({ token: 't', spam: 0, ham: 0 }, even), 0.5);
  });
});

describe('chiSquaredSurvival', () => {
  it('matches the closed forms for 2 and 4 degrees of freedom', () => {
    close(chiSquaredSurvival(2, 2), Math.exp(-1)); // e^(−x/2)
    close(chiSquaredSurvival(4, 4), 3 * Math.exp(-2)); // e^(−x/2)·(1 + x/2)
  });
});

describe('spamProbability', () => {
  const spammy = { token: 'casino', spam: 4, ham: 0 }; // f = (0.5 + 4) / 5 = 0.9
  const hammy = { token: 'council', spam: 0, ham: 4 }; // f = 0.1

  it('gives one token’s own probability when it is the only evidence', () => {
    // S = 1 − Q(−2 ln 0.1, 2) = 0.9; H = 1 − Q(−2 ln 0.9, 2) = 0.1; (1 + 0.9 − 0.1) / 2
    close(spamProbability([spammy], even), 0.9);
    close(spamProbability([hammy], even), 0.1);
  });

  it('grows more certain as spammy tokens add up', () => {
    // S = 1 − 0.01·(1 + 4.605170) = 0.943948; H = 1 − 0.81·(1 + 0.210721) = 0.019316
    close(spamProbability([spammy, { ...spammy, token: 'bonus' }], even), (1 + 0.9439483 - 0.0193160) / 2);
  });

  it('says 0.5 when the evidence cancels out or there is none', () => {
    close(spamProbability([spammy, hammy], even), 0.5);
    assert.equal(spamProbability([{ token: 'the', spam: 10, ham: 10 }], even), 0.5); // f = 0.5: left out
    assert.equal(spamProbability([], even), 0.5);
  });
});
