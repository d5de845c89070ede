// Where per-commenter rules live. Implemented by storage/sql-commenter-rule-store.ts.

import type { CommenterRule, CommenterRuleKind } from '../domain/commenter-rule.ts';

export interface CommenterRuleStore {
  add(rule: Omit<CommenterRule, 'id'>): Promise<CommenterRule>;
  remove(id: number): Promise<boolean>;
  /** Every rule, newest first (a site has few; matching happens in the domain). */
  list(query?: { kind?: CommenterRuleKind }): Promise<CommenterRule[]>;
}
