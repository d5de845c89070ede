// Reactions: one positive reaction per reader per comment, without accounts. A reader is a
// keyed hash of their address and user agent; the address (an IPv6 reader's /64 network) also
// caps how many reactions one place may add in an hour. Raw IPs are never stored.

import { truncateIp } from './ip.ts';

/** Reactions one address (IPv6: one /64) may add in an hour; removing one is always allowed. */
export const reactionsPerAddressPerHour = 60;

export const reactionLabelMaxLength = 40;

/** The reader's address as reactions count it: an IPv4 address whole, an IPv6 one by its /64 (privacy addresses rotate inside it). */
export function reactionAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  return ip.includes(':') ? truncateIp(ip) : ip;
}

/** A comment's reactions after a reader pressed the button. */
export interface ReactionResult {
  readonly count: number;
  /** Whether this reader's reaction is now counted (pressing again removes it). */
  readonly reacted: boolean;
}
