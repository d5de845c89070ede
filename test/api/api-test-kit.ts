// What the API suites share: JSON requests through app.inject, settings under which comments
// go straight through (or are limited only as a test wants), and a token made in the admin.

import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ApiScope } from '../../src/domain/api-token.ts';
import type { Role } from '../../src/domain/staff.ts';
import type { TestApp } from '../support/build-test-app.ts';

/** Every comment approved at once and no limits: for suites about reading, not screening. */
export const openSettings = { requirePreviouslyApproved: false, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0, floodIntervalSeconds: 0 } as const;

export interface JsonRequest {
  readonly body?: unknown;
  readonly token?: string;
  readonly ip?: string;
  readonly headers?: Record<string, string>;
}

export async function call(app: FastifyInstance, method: 'GET' | 'POST' | 'PATCH' | 'OPTIONS', url: string, r: JsonRequest = {}) {
  const res = await app.inject({
    method,
    url,
    ...(r.body === undefined ? {} : { payload: JSON.stringify(r.body) }),
    headers: { ...(r.body === undefined ? {} : { 'content-type': 'application/json' }), ...(r.token ? { authorization: `Bearer ${r.token}` } : {}), ...r.headers },
    ...(r.ip ? { remoteAddress: r.ip } : {}),
  });
  const json = res.headers['content-type']?.toString().startsWith('application/json') ? (res.json() as any) : undefined;
  return { status: res.statusCode, headers: res.headers, body: res.body, json };
}

/** A comment through the API; its new id. */
export async function postComment(app: FastifyInstance, articleId: number, fields: Record<string, unknown> = {}, ip = '198.51.100.7'): Promise<number> {
  const res = await call(app, 'POST', `/api/v1/articles/${articleId}/comments`, { body: { comment: 'A comment.', author: 'Ann Reader', email: 'ann@example.com', ...fields }, ip });
  if (res.status !== 201) throw new Error(`posting a comment answered ${res.status}: ${res.body}`);
  return res.json.id as number;
}

/** A token made on the admin's API tokens page by a new staff member of `role`: its secret and its owner. */
export async function makeToken(ctx: TestApp, role: Role, scopes: readonly ApiScope[], name = 'Test script') {
  const { cookie, csrf, staff } = await ctx.signIn(role);
  const form = new URLSearchParams({ _csrf: csrf, name });
  for (const s of scopes) form.append('scopes', s);
  const res = await ctx.app.inject({ method: 'POST', url: '/admin/api-tokens', payload: form.toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  const secret = /<code id="new-token">([^<]+)<\/code>/.exec(res.body)?.[1];
  if (!secret) throw new Error(`the API tokens page showed no new token (${res.statusCode})`);
  return { secret, staff, cookie, csrf, page: res.body };
}

/** A value in every form a careless output might carry it: cases, URL-encoded, unkeyed hashes. */
export function traces(value: string): string[] {
  const out = new Set<string>();
  for (const f of [value, value.toLowerCase(), value.toUpperCase()]) {
    out.add(f.toLowerCase());
    out.add(encodeURIComponent(f).toLowerCase());
    for (const algo of ['md5', 'sha1', 'sha256']) out.add(createHash(algo).update(f).digest('hex'));
  }
  return [...out];
}
