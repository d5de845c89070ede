// What an article page shows of its conversation: the thread of public comments and the count.

import type { PublicComment } from './comment.ts';
import type { ThreadNode } from './thread.ts';

export interface Discussion {
  readonly thread: ThreadNode<PublicComment>[];
  /** Approved comments only: what every reader sees counted. */
  readonly approvedCount: number;
  readonly threadDepth: number;
}
