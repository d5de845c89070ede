// Keyed hashes and signed tokens under the site secret. A keyed hash of an email or IP
// cannot be computed, reversed or linked across sites by anyone without the secret.

import { createHmac, timingSafeEqual } from 'node:crypto';

export class KeyedHash {
  readonly #secret: string;
  constructor(secret: string) {
    if (secret.length < 16) throw new Error('the site secret must be at least 16 characters');
    this.#secret = secret;
  }

  /** Hex HMAC-SHA256 of `value` under the secret, separated by `purpose` so uses never collide. */
  hash(purpose: string, value: string): string {
    return createHmac('sha256', this.#secret).update(`${purpose}\0${value}`).digest('hex');
  }

  /** `payload.signature`, base64url; the payload is readable, not secret. */
  sign(purpose: string, payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.#mac(purpose, body)}`;
  }

  /** The payload if the signature holds, else undefined. */
  verify(purpose: string, token: string): unknown {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.#mac(purpose, body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  #mac(purpose: string, body: string): string {
    return createHmac('sha256', this.#secret).update(`sign:${purpose}\0${body}`).digest('base64url');
  }
}
