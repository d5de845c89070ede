// The links mails carry, each a token signed with the site secret: confirm an address,
// unsubscribe in one click, manage every subscription of an address, moderate a held comment.
// Opening any of them shows a page; only its button (a POST) changes anything.

import type { CommentId, StaffId } from '../domain/ids.ts';
import { commentId, staffId } from '../domain/ids.ts';
import type { ModerationAction } from '../domain/moderation.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';

const confirmDays = 7;
const moderateDays = 7;
const msPerDay = 86_400_000;

/** Whom an unsubscribe link stops: one subscription, everything for an address, or a staff member's held-comment mail. */
export type UnsubscribeTarget = { readonly subscriptionId: number } | { readonly emailHash: string } | { readonly staffId: StaffId };

export type MailModerationAction = Extract<ModerationAction, 'approve' | 'spam' | 'trash'>;
export const mailModerationActions: readonly MailModerationAction[] = ['approve', 'spam', 'trash'];

export interface ModerationGrant {
  readonly commentId: CommentId;
  readonly action: MailModerationAction;
  readonly staffId: StaffId;
}

export function createMailLinks(keyedHash: KeyedHash, siteUrl: string) {
  const url = (path: string, token: string) => `${siteUrl}${path}?token=${encodeURIComponent(token)}`;
  const read = <T>(purpose: string, token: string, parse: (p: Record<string, unknown>) => T | undefined): T | undefined => {
    const payload = keyedHash.verify(purpose, token);
    return payload && typeof payload === 'object' ? parse(payload as Record<string, unknown>) : undefined;
  };
  const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

  return {
    confirm: (emailHash: string, now: Date) => url('/notifications/confirm', keyedHash.sign('mail-confirm', { h: emailHash, x: now.getTime() + confirmDays * msPerDay })),
    unsubscribe(target: UnsubscribeTarget): string {
      const payload = 'subscriptionId' in target ? { s: target.subscriptionId } : 'emailHash' in target ? { h: target.emailHash } : { t: target.staffId };
      return url('/notifications/unsubscribe', keyedHash.sign('mail-unsubscribe', payload));
    },
    manage: (emailHash: string) => url('/notifications/manage', keyedHash.sign('mail-manage', { h: emailHash })),
    moderate: (grant: ModerationGrant, now: Date) =>
      url('/notifications/moderate', keyedHash.sign('mail-moderate', { c: grant.commentId, a: grant.action, t: grant.staffId, x: now.getTime() + moderateDays * msPerDay })),

    /** The address a confirmation link is for, if it is genuine and not expired. */
    readConfirm: (token: string, now: Date) => read('mail-confirm', token, (p) => (isString(p.h) && typeof p.x === 'number' && p.x > now.getTime() ? p.h : undefined)),
    readUnsubscribe: (token: string): UnsubscribeTarget | undefined =>
      read('mail-unsubscribe', token, (p) => (isId(p.s) ? { subscriptionId: p.s } : isString(p.h) ? { emailHash: p.h } : isId(p.t) ? { staffId: staffId(p.t) } : undefined)),
    readManage: (token: string) => read('mail-manage', token, (p) => (isString(p.h) ? p.h : undefined)),
    readModerate: (token: string, now: Date): ModerationGrant | undefined =>
      read('mail-moderate', token, (p) =>
        isId(p.c) && isId(p.t) && typeof p.x === 'number' && p.x > now.getTime() && mailModerationActions.includes(p.a as MailModerationAction)
          ? { commentId: commentId(p.c), action: p.a as MailModerationAction, staffId: staffId(p.t) }
          : undefined,
      ),
  };
}

export type MailLinks = ReturnType<typeof createMailLinks>;
