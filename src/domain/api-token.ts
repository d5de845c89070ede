// Personal API tokens: what a token may be allowed to do (its scopes), and the rule that a
// token never reaches further than its owner's role. Pure; accounts/api-tokens.ts keeps them.

import type { StaffId } from './ids.ts';
import { canAccess, type AdminArea, type Role } from './staff.ts';

/** Each scope opens one kind of API work, inside one admin area (so one set of roles). */
export const apiScopeAreas = {
  'comments:read': 'comments', // the moderation queue, with commenters' emails
  'comments:moderate': 'comments', // approve, hold, spam, trash, restore
  'articles:write': 'articles', // create and update articles
} as const satisfies Record<string, AdminArea>;

export type ApiScope = keyof typeof apiScopeAreas;
export const apiScopes = Object.keys(apiScopeAreas) as ApiScope[];

export const isApiScope = (v: unknown): v is ApiScope => typeof v === 'string' && Object.hasOwn(apiScopeAreas, v);

/** A token as staff see it in the admin: never the token itself, only its first characters. */
export interface ApiToken {
  readonly id: number;
  readonly staffId: StaffId;
  readonly name: string;
  /** The token's first characters, so its owner can tell which one a script uses. */
  readonly prefix: string;
  readonly scopes: readonly ApiScope[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** The scopes a role may put on a token (those inside an area the role reaches). */
export function scopesForRole(role: Role): ApiScope[] {
  return apiScopes.filter((scope) => canAccess(role, apiScopeAreas[scope]));
}

/** Whether a token with `scopes`, owned by someone of `role` now, may do `scope`'s work. */
export function tokenAllows(token: { readonly scopes: readonly ApiScope[] }, role: Role, scope: ApiScope): boolean {
  return token.scopes.includes(scope) && canAccess(role, apiScopeAreas[scope]);
}

/** A token's name as staff type it: at most this many characters. */
export const maxTokenNameChars = 80;
