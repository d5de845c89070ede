// How the background deliveries (mail in the outbox, webhooks) retry: soon at first, then
// less often, and not for ever.

const firstRetryMs = 30_000;
const maxRetryMs = 30 * 60_000;

/** A delivery still failing this long after it was queued is given up on. */
export const giveUpAfterMs = 3 * 86_400_000;

/** 30 s, 1 min, 2 min, … capped at 30 min: an hour-long outage costs a few attempts. */
export function retryDelayMs(attemptsSoFar: number): number {
  return Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, attemptsSoFar - 1));
}
