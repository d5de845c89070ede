// The outbox worker: every instance runs one. It claims due messages (one instance per message,
// by a conditional UPDATE), hands each to the transport, and records the outcome: sent, or
// tried again later with exponential backoff, or failed for good on a permanent refusal or
// after three days. A crash mid-send leaves the claim to expire; the message is then retried
// with the same Message-ID.

import type { Clock } from '../lib/clock.ts';
import { repeatEvery } from '../lib/repeat.ts';
import { giveUpAfterMs, retryDelayMs } from '../lib/retry-schedule.ts';
import { MailDeliveryError, type MailTransport } from './mail-transport.ts';
import type { ClaimedMail, OutboxStore } from './outbox-store.ts';

export interface OutboxWorkerDeps {
  readonly outbox: OutboxStore;
  readonly transport: MailTransport;
  readonly clock: Clock;
  readonly from: string;
  readonly log: { info(o: object, msg: string): void; warn(o: object, msg: string): void };
}

const batch = 20;
const leaseMs = 120_000;

export { retryDelayMs };

export function createOutboxWorker(deps: OutboxWorkerDeps) {
  async function deliver(mail: ClaimedMail): Promise<'sent' | 'retry' | 'failed'> {
    try {
      await deps.transport.send({ from: deps.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId, unsubscribeUrl: mail.unsubscribeUrl, attachment: mail.attachment ?? null });
    } catch (e) {
      const error = describe(e);
      const now = deps.clock.now();
      const attempts = mail.attempts + 1;
      const tooOld = now.getTime() - mail.createdAt.getTime() >= giveUpAfterMs;
      if ((e instanceof MailDeliveryError && e.permanent) || tooOld) {
        await deps.outbox.markFailed(mail.id, { error });
        deps.log.warn({ mail: mail.id, kind: mail.kind, error }, 'mail failed');
        return 'failed';
      }
      await deps.outbox.markRetry(mail.id, { error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) });
      deps.log.info({ mail: mail.id, kind: mail.kind, attempts, error }, 'mail will be retried');
      return 'retry';
    }
    await deps.outbox.markSent(mail.id, deps.clock.now());
    return 'sent';
  }

  /** One pass over what is due now; says what happened to each message taken. */
  async function deliverDue(): Promise<{ sent: number; retry: number; failed: number }> {
    const tally = { sent: 0, retry: 0, failed: 0 };
    for (;;) {
      const claimed = await deps.outbox.claimDue({ now: deps.clock.now(), leaseMs, limit: batch });
      // Nothing claimed: nothing is due, or another instance took what was (and goes on).
      if (claimed.length === 0) return tally;
      for (const mail of claimed) tally[await deliver(mail)]++;
    }
  }

  let repeating: { stop(): Promise<void> } | undefined;
  return {
    deliverDue,
    /** Delivers now and then every `everyMs`, never two passes at once. */
    start(everyMs = 2_000) {
      repeating = repeatEvery(() => deliverDue().catch((e: unknown) => deps.log.warn({ error: describe(e) }, 'outbox pass failed')), everyMs);
    },
    /** Stops the timer and waits for the pass in flight (the message being sent goes out). */
    async stop() {
      await repeating?.stop();
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

function describe(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.slice(0, 500);
}
