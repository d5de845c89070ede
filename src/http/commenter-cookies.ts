// The two cookies a commenter may hold, both signed with the site secret and HttpOnly:
// - dateline_commenter: name, email and website, only after the consent box was ticked;
// - dateline_pending: ids of their own held comments, so they (and nobody else) see them.
// - dateline_own: ids of the comments they posted from this browser, each with the end of its
//   edit window, so they (and nobody else) may edit or delete them. Functional and short-lived
//   (the window plus an hour), so it needs no consent, like dateline_pending.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { commentId, type CommentId } from '../domain/ids.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';

export const commenterCookie = 'dateline_commenter';
export const pendingCookie = 'dateline_pending';
export const ownCookie = 'dateline_own';

export const rememberDays = 365;
const yearSeconds = rememberDays * 86_400;
export const pendingPreviewHours = 48; // long enough to come back tomorrow, short enough to forget
const maxPendingIds = 20;
const maxOwnIds = 20; // about 600 bytes signed: far under a cookie's 4 KB
/** An own-comment entry outlives its window by this much, so a late edit is told the window closed. */
export const ownGraceMs = 3_600_000;

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
    return request.cookies[commenterCookie] !== undefined || request.cookies[pendingCookie] !== undefined || request.cookies[ownCookie] !== undefined;
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

  /** The comments this browser posted, with the end of each one's edit window (kept an hour past it). */
  ownComments(request: FastifyRequest, now: Date): Map<CommentId, Date> {
    return new Map(this.#ownEntries(request, now).map(([id, until]) => [commentId(id), new Date(until)]));
  }

  /** Remembers a comment this browser posted, editable until `until`. */
  addOwn(request: FastifyRequest, reply: FastifyReply, id: CommentId, until: Date, now: Date): void {
    const entries = [...this.#ownEntries(request, now).filter(([e]) => e !== id), [id, until.getTime()] as [number, number]].slice(-maxOwnIds);
    this.#setOwn(reply, entries, now);
  }

  /** Forgets a comment (deleted): its links and pages are gone for this browser too. */
  removeOwn(request: FastifyRequest, reply: FastifyReply, id: CommentId, now: Date): void {
    this.#setOwn(reply, this.#ownEntries(request, now).filter(([e]) => e !== id), now);
  }

  /** Shows a comment to its author again while it waits (an edit that sent it back to moderation). */
  keepPending(request: FastifyRequest, reply: FastifyReply, id: CommentId, now: Date): void {
    if (!this.pendingIds(request, now).includes(id)) this.addPending(request, reply, id, now);
  }

  #setOwn(reply: FastifyReply, entries: [number, number][], now: Date): void {
    const last = Math.max(0, ...entries.map(([, until]) => until));
    const seconds = Math.ceil((last + ownGraceMs - now.getTime()) / 1000);
    if (entries.length === 0 || seconds <= 0) reply.clearCookie(ownCookie, this.#options(0));
    else reply.setCookie(ownCookie, this.#keys.sign('own', entries), this.#options(seconds));
  }

  #ownEntries(request: FastifyRequest, now: Date): [number, number][] {
    const raw = request.cookies[ownCookie];
    const value = raw ? this.#keys.verify('own', raw) : undefined;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (e): e is [number, number] => Array.isArray(e) && Number.isInteger(e[0]) && typeof e[1] === 'number' && e[1] + ownGraceMs > now.getTime(),
    );
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
