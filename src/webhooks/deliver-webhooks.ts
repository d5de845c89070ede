// The webhook worker: every instance runs one, like the mail outbox's. It claims due deliveries
// (one instance per delivery, by a conditional UPDATE and a lease), POSTs each, signed, and
// records what came back: 2xx is delivered; 410 Gone fails it for good and switches the webhook
// off; anything else (another status, a redirect, a refused connection, a timeout) is tried
// again with backoff until three days have passed. A crash mid-send leaves the lease to run
// out; the delivery is then sent again with the same Dateline-Delivery id.

import type { Clock } from '../lib/clock.ts';
import { repeatEvery } from '../lib/repeat.ts';
import { giveUpAfterMs, retryDelayMs } from '../lib/retry-schedule.ts';
import { signatureHeader, signWebhook } from './sign-webhook.ts';
import type { AttemptOutcome, ClaimedDelivery, WebhookStore } from './webhook-store.ts';

export interface WebhookWorkerDeps {
  readonly webhooks: WebhookStore;
  readonly clock: Clock;
  readonly log: { info(o: object, msg: string): void; warn(o: object, msg: string): void };
  /** How long a receiver has to answer (default 10 s). */
  readonly timeoutMs?: number;
}

const batch = 10;
const leaseMs = 120_000;
const responseBytes = 2048;

type Result = 'sent' | 'retry' | 'failed';

export function createWebhookWorker(deps: WebhookWorkerDeps) {
  const timeoutMs = deps.timeoutMs ?? 10_000;

  async function attempt(d: ClaimedDelivery): Promise<{ httpStatus: number | null; response: string | null; error: string | null }> {
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        body: d.payload,
        // A redirect is the receiver's mistake to fix, not ours to follow (it could point anywhere).
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Dateline-Webhooks',
          'dateline-event': d.event,
          'dateline-delivery': d.deliveryId,
          [signatureHeader.toLowerCase()]: signWebhook(d.secret, d.payload, deps.clock.now()),
        },
      });
      const response = await readStart(res);
      const ok = res.status >= 200 && res.status < 300;
      const error = ok ? null : res.status >= 300 && res.status < 400 ? `HTTP ${res.status}: redirects are not followed${res.headers.get('location') ? ` (to ${res.headers.get('location')})` : ''}` : `HTTP ${res.status}`;
      return { httpStatus: res.status, response, error };
    } catch (e) {
      return { httpStatus: null, response: null, error: describe(e) };
    }
  }

  async function deliver(d: ClaimedDelivery): Promise<Result> {
    const { httpStatus, response, error } = await attempt(d);
    const at = deps.clock.now();
    let outcome: AttemptOutcome;
    if (error === null) {
      outcome = { status: 'sent', httpStatus, response, error, at };
    } else if (httpStatus === 410 || at.getTime() - d.createdAt.getTime() >= giveUpAfterMs) {
      outcome = { status: 'failed', httpStatus, response, error, at };
    } else {
      outcome = { status: 'queued', httpStatus, response, error, at, nextAttemptAt: new Date(at.getTime() + retryDelayMs(d.attempts + 1)) };
    }
    await deps.webhooks.recordAttempt(d.id, outcome);
    if (httpStatus === 410) {
      // The receiver says the address is gone for good: stop sending it anything.
      await deps.webhooks.setActive(d.webhookId, false);
      deps.log.warn({ webhook: d.webhookId, delivery: d.deliveryId }, 'webhook answered 410 Gone: switched off');
    } else if (outcome.status === 'failed') {
      deps.log.warn({ webhook: d.webhookId, delivery: d.deliveryId, error }, 'webhook delivery given up');
    } else if (outcome.status === 'queued') {
      deps.log.info({ webhook: d.webhookId, delivery: d.deliveryId, attempts: d.attempts + 1, error }, 'webhook delivery will be retried');
    }
    return outcome.status === 'sent' ? 'sent' : outcome.status === 'failed' ? 'failed' : 'retry';
  }

  /** One pass over what is due now; says what happened to each delivery taken. */
  async function deliverDue(): Promise<{ sent: number; retry: number; failed: number }> {
    const tally = { sent: 0, retry: 0, failed: 0 };
    for (;;) {
      const claimed = await deps.webhooks.claimDue({ now: deps.clock.now(), leaseMs, limit: batch });
      if (claimed.length === 0) return tally;
      // Side by side: one slow receiver costs a pass its timeout once, not once per delivery.
      for (const result of await Promise.all(claimed.map(deliver))) tally[result]++;
    }
  }

  let repeating: { stop(): Promise<void> } | undefined;
  return {
    deliverDue,
    /** Delivers now and then every `everyMs`, never two passes at once. */
    start(everyMs = 2_000) {
      repeating = repeatEvery(() => deliverDue().catch((e: unknown) => deps.log.warn({ error: describe(e) }, 'webhook pass failed')), everyMs);
    },
    /** Stops the timer and waits for the pass in flight. */
    async stop() {
      await repeating?.stop();
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;

/** The first 2 KB of a body, without reading the rest (a receiver may answer with a lot). */
async function readStart(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < responseBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still says something: keep what came.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, responseBytes));
  return text.replace(/\uFFFD$/, '');
}

function describe(e: unknown): string {
  if (e instanceof Error && e.name === 'TimeoutError') return 'no answer within the time limit';
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  const message = e instanceof Error ? `${e.message}${cause}` : String(e);
  return message.slice(0, 500);
}
