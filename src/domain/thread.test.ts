import { it } from 'node:test';
import assert from 'node:assert/strict';
import { buildThread, countThread, type ThreadNode } from './thread.ts';

const c = (id: number, parentId: number | null = null) => ({ id, parentId });
const shape = (nodes: ThreadNode<{ id: number; parentId: number | null }>[]): unknown => nodes.map((n) => [n.comment.id, n.depth, shape(n.replies)]);

it('nests replies under their parents in order', () => {
  const thread = buildThread([c(1), c(2), c(3, 1), c(4, 3), c(5, 1)], 5);
  assert.deepEqual(shape(thread), [
    [1, 1, [[3, 2, [[4, 3, []]]], [5, 2, []]]],
    [2, 1, []],
  ]);
  assert.equal(countThread(thread), 5);
});

it('shows replies deeper than the limit at the last level, after their parent', () => {
  const chain = [c(1), c(2, 1), c(3, 2), c(4, 3)];
  assert.deepEqual(shape(buildThread(chain, 2)), [[1, 1, [[2, 2, []], [3, 2, []], [4, 2, []]]]]);
});

it('keeps a reply whose parent is not shown as a top-level comment', () => {
  assert.deepEqual(shape(buildThread([c(1), c(3, 2)], 5)), [
    [1, 1, []],
    [3, 1, []],
  ]);
});
