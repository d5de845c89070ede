// CommenterRuleStore over Kysely.

import type { Kysely, Selectable } from 'kysely';
import type { CommenterRule, CommenterRuleKind } from '../domain/commenter-rule.ts';
import { commentId } from '../domain/ids.ts';
import type { CommenterRuleStore } from '../moderation/commenter-rule-store.ts';
import type { CommenterRulesTable, Database } from './schema.ts';

export class SqlCommenterRuleStore implements CommenterRuleStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async add(rule: Omit<CommenterRule, 'id'>): Promise<CommenterRule> {
    const row = await this.#db
      .insertInto('commenter_rules')
      .values({ kind: rule.kind, email_hash: rule.emailHash, ip_range: rule.ipRange, label: rule.label, reason: rule.reason, source_comment_id: rule.sourceCommentId, created_by: rule.createdBy, created_at: rule.createdAt.getTime() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRule(row);
  }

  async remove(id: number): Promise<boolean> {
    const result = await this.#db.deleteFrom('commenter_rules').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async list(query: { kind?: CommenterRuleKind } = {}): Promise<CommenterRule[]> {
    let q = this.#db.selectFrom('commenter_rules').selectAll();
    if (query.kind) q = q.where('kind', '=', query.kind);
    return (await q.orderBy('id', 'desc').execute()).map(toRule);
  }
}

function toRule(r: Selectable<CommenterRulesTable>): CommenterRule {
  return {
    id: r.id,
    kind: r.kind as CommenterRuleKind,
    emailHash: r.email_hash,
    ipRange: r.ip_range,
    label: r.label,
    reason: r.reason,
    sourceCommentId: r.source_comment_id === null ? null : commentId(r.source_comment_id),
    createdBy: r.created_by,
    createdAt: new Date(Number(r.created_at)),
  };
}
