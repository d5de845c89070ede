// Signing webhook deliveries, and checking a signature the way a receiver should:
//   Dateline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// The timestamp is inside the MAC, so a captured delivery cannot be replayed later than the
// receiver's tolerance. Receivers must check the raw bytes, before any JSON parsing.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'Dateline-Signature';

/** A new webhook's secret: 32 random bytes, prefixed so it is recognisable where it is pasted. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const mac = (secret: string, t: number, rawBody: string | Buffer): string => createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');

/** The Dateline-Signature value for a body sent at `at`. */
export function signWebhook(secret: string, rawBody: string | Buffer, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${mac(secret, t, rawBody)}`;
}

/**
 * Whether `header` signs `rawBody` with `secret`, at most `toleranceSeconds` from `now` (either
 * way: a receiver's clock may be behind). Any v1 that matches will do, so a receiver can accept
 * during a secret rotation by calling this with each secret.
 */
export function verifyWebhookSignature(secret: string, header: string | undefined, rawBody: string | Buffer, now: Date, toleranceSeconds = 300): boolean {
  if (!header) return false;
  let t: number | undefined;
  const given: string[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2) as [string, string?];
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) given.push(value);
  }
  if (t === undefined || given.length === 0) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > toleranceSeconds) return false;
  const expected = Buffer.from(mac(secret, t, rawBody), 'hex');
  return given.some((v) => timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
