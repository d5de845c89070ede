// Personal API tokens: staff create them in the admin with a name and scopes, see each once,
// and may revoke them. A token is a random string whose SHA-256 alone is stored (like a session),
// so a copy of the database yields no working token. Using one records when (at most once a
// minute) and acts as its owner, with its owner's role as it is now, narrowed to its scopes.

import { randomBytes } from 'node:crypto';
import { maxTokenNameChars, scopesForRole, tokenAllows, type ApiScope, type ApiToken } from '../domain/api-token.ts';
import { AppError, InvalidFields } from '../domain/errors.ts';
import type { Staff } from '../domain/staff.ts';
import type { Clock } from '../lib/clock.ts';
import type { ApiTokenStore } from './api-token-store.ts';
import { tokenHash } from './sign-in.ts';

export interface ApiTokenDeps {
  readonly tokens: ApiTokenStore;
  readonly clock: Clock;
}

/** Tokens start with this, so a leaked one is easy to recognise (and to search for in code). */
export const tokenMarker = 'dtl_';
const prefixChars = tokenMarker.length + 6;
const touchIntervalMs = 60_000;

/** Who a request's token acts for, and what it may do. */
export interface TokenHolder {
  readonly token: ApiToken;
  readonly staff: Staff;
}

export function createApiTokens(deps: ApiTokenDeps) {
  return {
    /** A new token for `staff`: the only time its secret is seen. */
    async create(staff: Staff, input: { name: string; scopes: readonly string[] }): Promise<{ token: ApiToken; secret: string }> {
      const name = input.name.replace(/\s+/g, ' ').trim();
      const allowed = scopesForRole(staff.role);
      const scopes = allowed.filter((s) => input.scopes.includes(s));
      const errors: AppError[] = [];
      if (name === '' || [...name].length > maxTokenNameChars) errors.push(new AppError('api_token_name_required', { field: 'name' }));
      if (scopes.length === 0 || input.scopes.some((s) => !(allowed as string[]).includes(s))) errors.push(new AppError('api_token_scopes_invalid', { field: 'scopes' }));
      if (errors.length > 0) throw new InvalidFields(errors);
      const secret = tokenMarker + randomBytes(32).toString('base64url');
      const token = await deps.tokens.insert({ staffId: staff.id, name, tokenHash: tokenHash(secret), prefix: secret.slice(0, prefixChars), scopes, createdAt: deps.clock.now() });
      return { token, secret };
    },

    /** A staff member's own tokens; an admin sees everyone's. */
    async listFor(staff: Staff): Promise<ApiToken[]> {
      return deps.tokens.list(staff.role === 'admin' ? {} : { staffId: staff.id });
    },

    /** Revokes a token of `staff`'s own (an admin may revoke anyone's); NotFound otherwise. */
    async revoke(staff: Staff, id: number): Promise<void> {
      const token = await deps.tokens.findById(id);
      if (!token || (token.staffId !== staff.id && staff.role !== 'admin')) throw new AppError('api_token_not_found');
      await deps.tokens.revoke({ id, at: deps.clock.now() });
    },

    /**
     * The holder of a bearer token allowed to do `scope`'s work: `token_invalid` when the token
     * is missing, unknown or revoked; `scope_missing` when its scopes or its owner's role fall short.
     */
    async authorize(secret: string | undefined, scope: ApiScope): Promise<TokenHolder> {
      if (!secret || !secret.startsWith(tokenMarker) || secret.length > 200) throw new AppError('token_invalid');
      const found = await deps.tokens.findLive(tokenHash(secret));
      if (!found) throw new AppError('token_invalid');
      await deps.tokens.touch({ id: found.token.id, at: deps.clock.now(), minIntervalMs: touchIntervalMs });
      if (!tokenAllows(found.token, found.staff.role, scope)) throw new AppError('scope_missing');
      return found;
    },
  };
}

export type ApiTokens = ReturnType<typeof createApiTokens>;
