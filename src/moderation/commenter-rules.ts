// Per-commenter actions from the queue: always pre-moderate, ban (by keyed email hash, and
// optionally the commenter's network), and lift. Each writes a moderation log row with it.

import { truncateIp } from '../domain/ip.ts';
import { AppError } from '../domain/errors.ts';
import type { CommenterRule, CommenterRuleKind } from '../domain/commenter-rule.ts';
import type { CommentId } from '../domain/ids.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { Transact } from '../lib/transact.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import type { CommenterRuleStore } from './commenter-rule-store.ts';
import type { ModerationLog } from './moderation-log.ts';

export interface CommenterRulesDeps {
  readonly transact: Transact<{ comments: CommentStore; commenterRules: CommenterRuleStore; moderationLog: ModerationLog }>;
  readonly keyedHash: KeyedHash;
  readonly clock: Clock;
  /** The raw IP of a comment (kept for abuse handling until retention truncates it). */
  readonly ipOf: (id: CommentId) => Promise<string | undefined>;
}

export function createCommenterRules(deps: CommenterRulesDeps) {
  return {
    /** Makes a rule for the author of `commentId`; `withNetwork` adds their /24 (IPv4) or /64 (IPv6). */
    async addRule(input: { commentId: CommentId; kind: CommenterRuleKind; withNetwork: boolean; reason: string | null; actor: string }): Promise<CommenterRule> {
      const at = deps.clock.now();
      const ip = input.withNetwork ? await deps.ipOf(input.commentId) : undefined;
      return deps.transact(async ({ comments, commenterRules, moderationLog }) => {
        const comment = await comments.findById(input.commentId);
        if (!comment) throw new AppError('comment_not_found');
        const network = ip ? truncateIp(ip) : null;
        const ipRange = network === null || network === '0.0.0.0' ? null : network.includes(':') ? `${network}/64` : `${network}/24`;
        const rule = await commenterRules.add({
          kind: input.kind,
          emailHash: comment.authorEmail ? deps.keyedHash.hash('email', comment.authorEmail) : null,
          ipRange,
          label: `${comment.authorName} <${comment.authorEmail}>${ipRange ? ` and ${ipRange}` : ''}`,
          reason: input.reason,
          sourceCommentId: comment.id,
          createdBy: input.actor,
          createdAt: at,
        });
        await moderationLog.append({ commentId: comment.id, action: input.kind, actor: input.actor, reason: input.reason, fromStatus: comment.status, toStatus: comment.status, at });
        return rule;
      });
    },

    async liftRule(input: { id: number; actor: string }): Promise<void> {
      const at = deps.clock.now();
      await deps.transact(async ({ comments, commenterRules, moderationLog }) => {
        const rule = (await commenterRules.list()).find((r) => r.id === input.id);
        if (!rule || !(await commenterRules.remove(rule.id))) throw new AppError('comment_not_found', { message: 'no such rule' });
        const source = rule.sourceCommentId === null ? undefined : await comments.findById(rule.sourceCommentId);
        if (source) await moderationLog.append({ commentId: source.id, action: 'lift', actor: input.actor, reason: `${rule.kind} lifted`, fromStatus: source.status, toStatus: source.status, at });
      });
    },
  };
}

export type CommenterRules = ReturnType<typeof createCommenterRules>;
