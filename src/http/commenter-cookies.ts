// The two cookies a commenter may hold, both signed with the site secret and HttpOnly:
// - dateline_commenter: name, email and website, only after the consent box was ticked;
// - dateline_pending: ids of their own held comments, so they (and nobody else) see them.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { commentId, type CommentId } from '../domain/ids.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';

export const commenterCookie = 'dateline_commenter';
export const pendingCookie = 'dateline_pending';

export const rememberDays = 365;
const yearSeconds = rememberDays * 86_400;
export const pendingPreviewHours = 48; // long enough to come back tomorrow, short enough to forget
const maxPendingIds = 20;

export interface RememberedCommenter {
  readonly name: string;
  readonly email: string;
  readonly url: string;
}

export class CommenterCookies {
  readonly #keys: KeyedHash;
  readonly #secure: boolean;

  constructor(keys: KeyedHash, options: { secure: boolean }) {
    this.#keys = keys;
    this.#secure = options.secure;
  }

  /** True when this request carries anything personal: its page cannot come from the cache. */
  isPersonal(request: FastifyRequest): boolean {
    return request.cookies[commenterCookie] !== undefined || request.cookies[pendingCookie] !== undefined;
  }

  remembered(request: FastifyRequest): RememberedCommenter | undefined {
    const raw = request.cookies[commenterCookie];
    const value = raw ? this.#keys.verify('commenter', raw) : undefined;
    if (!isRecord(value) || typeof value.n !== 'string' || typeof value.e !== 'string' || typeof value.u !== 'string') return undefined;
    return { name: value.n, email: value.e, url: value.u };
  }

  remember(reply: FastifyReply, who: RememberedCommenter): void {
    const token = this.#keys.sign('commenter', { n: who.name, e: who.email, u: who.url });
    reply.setCookie(commenterCookie, token, this.#options(yearSeconds));
  }

  forget(reply: FastifyReply): void {
    reply.clearCookie(commenterCookie, this.#options(0));
  }

  /** Held comment ids this reader may see, still within their preview window. */
  pendingIds(request: FastifyRequest, now: Date): CommentId[] {
    return this.#pendingEntries(request, now).map(([id]) => commentId(id));
  }

  addPending(request: FastifyRequest, reply: FastifyReply, id: CommentId, now: Date): void {
    const until = now.getTime() + pendingPreviewHours * 3_600_000;
    const entries = [...this.#pendingEntries(request, now), [id, until] as [number, number]].slice(-maxPendingIds);
    reply.setCookie(pendingCookie, this.#keys.sign('pending', entries), this.#options(pendingPreviewHours * 3600));
  }

  #pendingEntries(request: FastifyRequest, now: Date): [number, number][] {
    const raw = request.cookies[pendingCookie];
    const value = raw ? this.#keys.verify('pending', raw) : undefined;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (e): e is [number, number] => Array.isArray(e) && Number.isInteger(e[0]) && typeof e[1] === 'number' && e[1] > now.getTime(),
    );
  }

  #options(maxAgeSeconds: number) {
    return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: this.#secure, maxAge: maxAgeSeconds };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
