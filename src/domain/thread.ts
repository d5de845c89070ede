// Builds the nested thread a page shows from a flat, oldest-first list of comments.
// Replies deeper than the display depth are shown at the last level, in order, so none
// is orphaned (WordPress's Walker_Comment behaviour).

export interface Threadable {
  readonly id: number;
  readonly parentId: number | null;
}

export interface ThreadNode<C extends Threadable> {
  readonly comment: C;
  readonly depth: number;
  readonly replies: ThreadNode<C>[];
}

export function buildThread<C extends Threadable>(comments: readonly C[], maxDepth: number): ThreadNode<C>[] {
  // Each node with the list it sits in, so a reply past the depth limit can join its parent's list.
  const placed = new Map<number, { node: ThreadNode<C>; holder: ThreadNode<C>[] }>();
  const roots: ThreadNode<C>[] = [];
  for (const comment of comments) {
    const parent = comment.parentId === null ? undefined : placed.get(comment.parentId);
    let node: ThreadNode<C>;
    let holder: ThreadNode<C>[];
    if (!parent) {
      // A top-level comment, or a reply whose parent is not shown (held, spammed, trashed):
      // it stands on its own rather than disappearing.
      node = { comment, depth: 1, replies: [] };
      holder = roots;
    } else if (parent.node.depth < maxDepth) {
      node = { comment, depth: parent.node.depth + 1, replies: [] };
      holder = parent.node.replies;
    } else {
      node = { comment, depth: parent.node.depth, replies: [] };
      holder = parent.holder;
    }
    holder.push(node);
    placed.set(comment.id, { node, holder });
  }
  return roots;
}

export function countThread(nodes: readonly ThreadNode<Threadable>[]): number {
  let n = 0;
  for (const node of nodes) n += 1 + countThread(node.replies);
  return n;
}

/** The ids of these nodes and all their replies, depth first. */
export function threadIds<C extends Threadable>(nodes: readonly ThreadNode<C>[]): C['id'][] {
  const ids: C['id'][] = [];
  const walk = (node: ThreadNode<C>) => {
    ids.push(node.comment.id);
    node.replies.forEach(walk);
  };
  nodes.forEach(walk);
  return ids;
}
