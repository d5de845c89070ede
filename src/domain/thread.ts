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
  const nodes = new Map<number, ThreadNode<C>>();
  // The list each node sits in, so a reply past the depth limit can join its parent's list.
  const holders = new Map<number, ThreadNode<C>[]>();
  const roots: ThreadNode<C>[] = [];
  for (const comment of comments) {
    const parent = comment.parentId === null ? undefined : nodes.get(comment.parentId);
    let node: ThreadNode<C>;
    let holder: ThreadNode<C>[];
    if (!parent) {
      // A top-level comment, or a reply whose parent is not shown (held, spammed, trashed):
      // it stands on its own rather than disappearing.
      node = { comment, depth: 1, replies: [] };
      holder = roots;
    } else if (parent.depth < maxDepth) {
      node = { comment, depth: parent.depth + 1, replies: [] };
      holder = parent.replies;
    } else {
      node = { comment, depth: parent.depth, replies: [] };
      holder = holders.get(parent.comment.id) ?? roots;
    }
    holder.push(node);
    nodes.set(comment.id, node);
    holders.set(comment.id, holder);
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
