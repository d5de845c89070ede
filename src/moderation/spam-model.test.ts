import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lessonOf } from './spam-model.ts';

describe('lessonOf: what a moderator’s decision teaches the spam classifier', () => {
  it('teaches spam when a comment is marked spam, from any status', () => {
    assert.equal(lessonOf('spam', 'pending', 'spam'), 'spam');
    assert.equal(lessonOf('spam', 'approved', 'spam'), 'spam');
  });

  it('teaches ham when a comment is approved, from the queue or from spam', () => {
    assert.equal(lessonOf('approve', 'pending', 'approved'), 'ham');
    assert.equal(lessonOf('approve', 'spam', 'approved'), 'ham');
  });

  it('takes the spam lesson back when a spammed comment is restored to the queue', () => {
    assert.equal(lessonOf('restore', 'spam', 'pending'), null);
  });

  it('learns nothing from holding or trashing', () => {
    assert.equal(lessonOf('hold', 'approved', 'pending'), undefined);
    assert.equal(lessonOf('trash', 'pending', 'trash'), undefined);
    assert.equal(lessonOf('restore', 'trash', 'pending'), undefined);
  });
});
