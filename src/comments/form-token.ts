// Signals that a submission came from a person using the form, signed with the site secret:
// - the form token: when the form was rendered and for which article (a bot that posts
//   without loading the page has none; one that posts within 3 s of loading it is too fast);
// - the proof-of-work challenge offered when a rate limit trips: a puzzle bound to the
//   commenter's address and text that the browser solves in a second or two (SHA-256 with
//   `difficulty` leading zero bits), instead of a captcha from a third party.
// Cached pages carry the time they were rendered, so "too fast" only ever errs towards trust.

import { createHash, randomBytes } from 'node:crypto';
import { cleanBodyText } from '../domain/comment.ts';
import type { ArticleId } from '../domain/ids.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';

export const minFormMs = 3_000;
const challengeMs = 15 * 60_000;
export const challengeDifficulty = 16;

/** What the form token says about a submission. */
export type FormTokenReading = { readonly state: 'ok'; readonly ageMs: number } | { readonly state: 'missing' | 'invalid' } | { readonly state: 'too_fast'; readonly ageMs: number };

export interface Challenge {
  readonly token: string;
  readonly difficulty: number;
}

/** Leading zero bits of SHA-256(`token:nonce`). */
export function proofBits(token: string, nonce: string): number {
  const digest = createHash('sha256').update(`${token}:${nonce}`).digest();
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

export class FormTokens {
  readonly #keys: KeyedHash;
  constructor(keys: KeyedHash) {
    this.#keys = keys;
  }

  issue(articleId: ArticleId, now: Date): string {
    return this.#keys.sign('form', { a: articleId, t: now.getTime() });
  }

  read(token: string, articleId: ArticleId, now: Date): FormTokenReading {
    if (token === '') return { state: 'missing' };
    const payload = this.#keys.verify('form', token) as { a?: unknown; t?: unknown } | undefined;
    if (!payload || payload.a !== articleId || typeof payload.t !== 'number') return { state: 'invalid' };
    const ageMs = now.getTime() - payload.t;
    if (ageMs < 0) return { state: 'invalid' };
    return ageMs < minFormMs ? { state: 'too_fast', ageMs } : { state: 'ok', ageMs };
  }

  /** A puzzle for this address and text, valid for 15 minutes. */
  challenge(subject: { ip: string; text: string }, now: Date): Challenge {
    const token = this.#keys.sign('pow', { s: this.#subject(subject), x: now.getTime() + challengeMs, n: randomBytes(8).toString('base64url'), d: challengeDifficulty });
    return { token, difficulty: challengeDifficulty };
  }

  /** Whether `nonce` solves a genuine, fresh puzzle issued for this address and text. */
  solves(solution: { token: string; nonce: string }, subject: { ip: string; text: string }, now: Date): boolean {
    const payload = this.#keys.verify('pow', solution.token) as { s?: unknown; x?: unknown; d?: unknown } | undefined;
    if (!payload || payload.s !== this.#subject(subject) || typeof payload.x !== 'number' || payload.x < now.getTime() || typeof payload.d !== 'number') return false;
    return solution.nonce.length <= 32 && proofBits(solution.token, solution.nonce) >= payload.d;
  }

  #subject(subject: { ip: string; text: string }): string {
    return this.#keys.hash('pow-subject', `${subject.ip}\0${cleanBodyText(subject.text)}`).slice(0, 32);
  }
}
