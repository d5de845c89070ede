import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDiscussionSettings } from '../../domain/settings.ts';
import type { CheckContext } from '../check.ts';
import { likelySpam } from './likely-spam.ts';

function ctx(spamScore: number | null, spamHoldPercent = 90): CheckContext {
  return { spamScore, settings: { ...defaultDiscussionSettings, spamHoldPercent } } as CheckContext;
}

describe('likelySpam', () => {
  it('holds a comment scored at or above the threshold, never spams it', () => {
    assert.deepEqual(likelySpam.run(ctx(0.973)), { status: 'pending', reason: { check: 'likely-spam', code: 'likely_spam', detail: 'spam filter: 97% likely spam (holding at 90%)' } });
    assert.equal(likelySpam.run(ctx(0.9))?.status, 'pending');
  });

  it('lets a comment below the threshold through', () => {
    assert.equal(likelySpam.run(ctx(0.89)), undefined);
  });

  it('holds nothing while the classifier has learned too little, or when the threshold is 0', () => {
    assert.equal(likelySpam.run(ctx(null)), undefined);
    assert.equal(likelySpam.run(ctx(1, 0)), undefined);
  });
});
