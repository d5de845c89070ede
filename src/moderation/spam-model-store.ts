// The port the spam classifier needs: per-token counts, the totals, and what each moderated
// comment was learned as (so a decision undone is unlearned exactly). storage/ implements it.

import type { CommentId } from '../domain/ids.ts';
import type { TokenCounts, TrainingTotals } from './spam-probability.ts';

/** What a moderator's decision teaches: spam, or `ham` (a comment worth approving). */
export type SpamLabel = 'spam' | 'ham';

export interface SpamTraining {
  readonly label: SpamLabel;
  /** The tokens counted when it was learned, kept so that forgetting it is exact. */
  readonly tokens: readonly string[];
}

export interface SpamModelSlice {
  readonly totals: TrainingTotals;
  /** Only the tokens the model has seen. */
  readonly tokens: readonly TokenCounts[];
}

export interface SpamModelStore {
  read(tokens: readonly string[]): Promise<SpamModelSlice>; // the totals and these tokens' counts, in one query
  trainingOf(commentId: CommentId): Promise<SpamTraining | undefined>; // how the comment was learned, if it was
  learn(commentId: CommentId, training: SpamTraining): Promise<void>; // counts its tokens under its label and remembers it
  forget(commentId: CommentId, training: SpamTraining): Promise<void>; // the exact reverse of learn
}
