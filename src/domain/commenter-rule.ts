// Rules a moderator sets on one commenter: always hold their comments, or ban them. A rule
// names the commenter by a keyed hash of their email and/or an IP range, never the raw email.

import { isIPv4, isIPv6 } from 'node:net';
import type { CommentId } from './ids.ts';

export type CommenterRuleKind = 'ban' | 'premoderate';

export interface CommenterRule {
  readonly id: number;
  readonly kind: CommenterRuleKind;
  readonly emailHash: string | null;
  /** CIDR, such as 203.0.113.0/24 or 2001:db8::/48. */
  readonly ipRange: string | null;
  /** Who it was made for, as moderators saw them (name and email): staff eyes only. */
  readonly label: string;
  readonly reason: string | null;
  readonly sourceCommentId: CommentId | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export function ruleMatches(rule: Pick<CommenterRule, 'emailHash' | 'ipRange'>, who: { emailHash: string; ip: string }): boolean {
  if (rule.emailHash !== null && rule.emailHash === who.emailHash) return true;
  return rule.ipRange !== null && ipInRange(who.ip, rule.ipRange);
}

/** Whether `ip` lies in the CIDR `range` (IPv4-mapped IPv6 addresses count as IPv4). */
export function ipInRange(ip: string, range: string): boolean {
  const [base = '', bitsText] = range.split('/');
  const a = toBits(ip.replace(/^::ffff:(?=\d+\.)/i, ''));
  const b = toBits(base);
  if (!a || !b || a.length !== b.length) return false;
  const bits = bitsText === undefined ? a.length : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > a.length) return false;
  return a.slice(0, bits) === b.slice(0, bits);
}

/** A valid CIDR range (or single address), normalised; undefined when it is not one. */
export function parseIpRange(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const [base = '', bitsText] = trimmed.split('/');
  const bits = toBits(base);
  if (!bits) return undefined;
  const n = bitsText === undefined ? bits.length : Number(bitsText);
  if (!Number.isInteger(n) || n < 8 || n > bits.length) return undefined; // wider than /8 would ban a continent
  return `${base.toLowerCase()}/${n}`;
}

function toBits(ip: string): string | undefined {
  if (isIPv4(ip)) return ip.split('.').map((o) => Number(o).toString(2).padStart(8, '0')).join('');
  if (isIPv6(ip)) {
    const [head = '', tail = ''] = ip.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    if (right.some((g) => g.includes('.'))) return undefined; // embedded IPv4 forms: not for ranges
    const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
    return groups.map((g) => parseInt(g || '0', 16).toString(2).padStart(16, '0')).join('');
  }
  return undefined;
}
