// The storage personal API tokens need. Implemented by storage/sql-api-token-store.ts.

import type { ApiScope, ApiToken } from '../domain/api-token.ts';
import type { StaffId } from '../domain/ids.ts';
import type { Staff } from '../domain/staff.ts';

export interface ApiTokenStore {
  insert(token: { staffId: StaffId; name: string; tokenHash: string; prefix: string; scopes: readonly ApiScope[]; createdAt: Date }): Promise<ApiToken>;
  /** A staff member's tokens (revoked ones too), newest first; every staff member's when `staffId` is absent. */
  list(query: { staffId?: StaffId }): Promise<ApiToken[]>;
  findById(id: number): Promise<ApiToken | undefined>;
  /** The live (not revoked) token with this hash, with its owner as the owner is now. */
  findLive(tokenHash: string): Promise<{ token: ApiToken; staff: Staff } | undefined>;
  /** Marks a token used at `at`, unless it was marked less than `minIntervalMs` before (one write a minute at most). */
  touch(query: { id: number; at: Date; minIntervalMs: number }): Promise<void>;
  /** True when it was live and is now revoked. */
  revoke(query: { id: number; at: Date }): Promise<boolean>;
}
