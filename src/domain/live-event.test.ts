import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liveEventKind } from './live-event.ts';

test('a comment that becomes public is added, and one that stops being public is removed', () => {
  assert.equal(liveEventKind(null, 'approved'), 'comment.added');
  assert.equal(liveEventKind('pending', 'approved'), 'comment.added');
  assert.equal(liveEventKind('approved', 'spam'), 'comment.removed');
  assert.equal(liveEventKind('approved', 'trash'), 'comment.removed');
  assert.equal(liveEventKind('approved', 'pending'), 'comment.removed');
});

test('a change the public never sees tells the page nothing', () => {
  assert.equal(liveEventKind(null, 'pending'), null);
  assert.equal(liveEventKind('pending', 'spam'), null);
  assert.equal(liveEventKind('spam', 'trash'), null);
});

test('a public comment shown differently is changed', () => {
  assert.equal(liveEventKind('approved', 'approved'), 'comment.changed');
});
