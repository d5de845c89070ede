// The local spam classifier's two uses: scoring a new comment (submit-comment.ts, before
// screening) and learning from a moderator's decision (moderate-comment.ts, in its
// transaction). Automatic verdicts never teach it: it would learn its own mistakes.

import type { Comment, CommentStatus } from '../domain/comment.ts';
import type { ModerationAction } from '../domain/moderation.ts';
import type { SpamLabel, SpamModelStore } from './spam-model-store.ts';
import { spamProbability } from './spam-probability.ts';
import { spamTokens } from './spam-tokens.ts';

/** Below this many learned comments of either kind the scores are noise, so there is none. */
export const minTrainingPerLabel = 20;

/** The probability that this text is spam, or null while the model knows too little. */
export async function scoreSpam(store: SpamModelStore, text: string): Promise<number | null> {
  const model = await store.read(spamTokens(text));
  if (model.totals.spam < minTrainingPerLabel || model.totals.ham < minTrainingPerLabel) return null;
  return spamProbability(model.tokens, model.totals);
}

/**
 * What a status change teaches: marking spam (from any status) teaches spam; approving teaches
 * ham; restoring a spammed comment to the queue takes the spam lesson back (null); holding and
 * trashing say nothing about spam (undefined).
 */
export function lessonOf(action: ModerationAction, from: CommentStatus, to: CommentStatus): SpamLabel | null | undefined {
  if (to === 'spam') return 'spam';
  if (to === 'approved') return 'ham';
  if (action === 'restore' && from === 'spam') return null;
  return undefined;
}

/** Learns a moderator's decision on a comment, first forgetting what it was learned as before. */
export async function learnFromModeration(store: SpamModelStore, change: { comment: Comment; action: ModerationAction; to: CommentStatus }): Promise<void> {
  const lesson = lessonOf(change.action, change.comment.status, change.to);
  if (lesson === undefined) return;
  const previous = await store.trainingOf(change.comment.id);
  if (previous?.label === lesson) return;
  if (previous) await store.forget(change.comment.id, previous);
  if (lesson !== null) await store.learn(change.comment.id, { label: lesson, tokens: spamTokens(change.comment.bodyText) });
}
