import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDiscussionSettings } from '../../domain/settings.ts';
import type { CheckContext } from '../check.ts';
import { findProfanity, profanity } from './profanity.ts';

function ctx(bodyText: string, authorName = 'Ada', holdProfanity = true): CheckContext {
  return { draft: { authorName, bodyText }, settings: { ...defaultDiscussionSettings, holdProfanity } } as CheckContext;
}

describe('profanity', () => {
  it('finds disguised spellings: spaced, dotted, leet, stretched, look-alike letters', () => {
    for (const text of ['f u c k this', 'what the f.u.c.k', 'sh1t happens', 'fuuuuck', 'ƒuck', 'FUCK']) {
      assert.equal(findProfanity(text).length, 1, text);
    }
  });

  it('names each word family once, by its first letter only', () => {
    assert.deepEqual(findProfanity('bastard, shit, shitty, sh1t'), ['b******', 's***']);
  });

  it('lets words of the news and innocent look-alikes through', () => {
    for (const text of ['the rape trial resumed', 'Dick Cheney spoke', 'a blue tit', 'tit-for-tat tariffs', 'Scunthorpe United', 'shiitake', 'fire retardant', 'summa cum laude', 'the U S A']) {
      assert.deepEqual(findProfanity(text), [], text);
    }
  });

  it('reads numbers as numbers, while a word spelled with digits in it is still found', () => {
    for (const text of ['The vote was 455 to 12.', 'Turnout 5h1 … 455,000 voters', 'flight 455']) {
      assert.deepEqual(findProfanity(text).filter((w) => w.startsWith('a')), [], text);
    }
    assert.deepEqual(findProfanity('what an a55'), ['a**']);
  });

  it('holds a comment with profanity in its text or its author’s name, saying where', () => {
    const outcome = profanity.run(ctx('sh1t', 'Big Bastard'));
    assert.deepEqual(outcome, { status: 'pending', reason: { check: 'profanity', code: 'profanity', detail: 'profanity: s*** in comment; b****** in name' } });
  });

  it('holds nothing when the setting is off, or when the comment is clean', () => {
    assert.equal(profanity.run(ctx('sh1t', 'Ada', false)), undefined);
    assert.equal(profanity.run(ctx('A fine article.')), undefined);
  });
});
