// The pure rules of discussion views: links, the orders of top-level comments, folding.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discussionQuery, foldedReplies, orderTopLevel, parseCommentSort } from './discussion-view.ts';
import { buildThread } from './thread.ts';

const c = (id: number, parentId: number | null = null, reactionCount = 0) => ({ id, parentId, reactionCount });

describe('discussion views', () => {
  it('writes links with defaults left out, in a fixed order', () => {
    assert.equal(discussionQuery({ sort: 'oldest', page: 1, expand: null }), '');
    assert.equal(discussionQuery({ sort: 'replies', page: 3, expand: 9 }), '?csort=replies&cpage=3&expand=9');
    assert.equal(parseCommentSort('reactions'), 'reactions');
    assert.equal(parseCommentSort('toString'), 'oldest');
  });

  it('orders top-level comments with ties kept oldest first, leaving replies in place', () => {
    const thread = buildThread([c(1, null, 2), c(2, null, 5), c(3, null, 2), c(4, 1), c(5, 3), c(6, 3)], 5);
    assert.deepEqual(orderTopLevel(thread, 'reactions').map((n) => n.comment.id), [2, 1, 3]);
    assert.deepEqual(orderTopLevel(thread, 'replies').map((n) => n.comment.id), [3, 1, 2]);
    assert.deepEqual(orderTopLevel(thread, 'newest').map((n) => n.comment.id), [3, 2, 1]);
    assert.deepEqual(orderTopLevel(thread, 'newest')[0]!.replies.map((n) => n.comment.id), [5, 6]);
  });

  it('folds the replies after the fifth in reading order, and none of a short thread', () => {
    const replies = [c(2, 1), c(3, 2), c(4, 1), c(5, 1), c(6, 5), c(7, 1), c(8, 7)];
    const [root] = buildThread([c(1), ...replies], 5);
    assert.deepEqual([...foldedReplies(root!)], [7, 8]);
    const [short] = buildThread([c(1), ...replies.slice(0, 5)], 5);
    assert.equal(foldedReplies(short!).size, 0);
  });
});
