// Sending admin pages: never cached, always `noindex`, and the one admin error page.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { SessionRecord } from '../../accounts/staff-store.ts';
import { errorCodes, type ErrorCode } from '../../domain/errors.ts';
import { AdminErrorPage } from '../../views/admin/account-pages.tsx';
import type { AdminContext } from '../../views/admin/admin-layout.tsx';
import { renderDocument } from '../../views/layout.tsx';
import type { SiteView } from '../../views/site.ts';
import { statusForKind } from '../error-responses.ts';
import { sendPersonalPage } from '../send-page.ts';

export function adminContext(site: SiteView, session: SessionRecord | null): AdminContext {
  return { site, staff: session?.staff ?? null, csrfToken: session?.csrfToken ?? '' };
}

export function sendAdminPage(reply: FastifyReply, page: VNode, status = 200) {
  reply.header('x-robots-tag', 'noindex');
  return sendPersonalPage(reply, renderDocument(page), status);
}

export function sendAdminError(deps: { site: SiteView }, reply: FastifyReply, code: ErrorCode, session: SessionRecord | null) {
  const status = statusForKind[errorCodes[code]];
  const title = status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something is wrong';
  return sendAdminPage(reply, AdminErrorPage({ ctx: adminContext(deps.site, session), title, message: deps.site.messages.errors[code] }), status);
}

type FormBody = Record<string, string | string[] | undefined>;

export const formBody = (request: FastifyRequest): FormBody => (typeof request.body === 'object' && request.body !== null ? (request.body as FormBody) : {});

/** One form field as a string (first of repeated values, '' when missing). */
export function field(body: FormBody, name: string): string {
  const v = body[name];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return typeof s === 'string' ? s : '';
}

/** Every value of a repeated field. */
export function fields(body: FormBody, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

/** A same-site path to return to after signing in; anything else goes to the dashboard. */
export function safeNext(raw: string): string {
  return /^\/admin\/[^\\/]?/.test(raw) && !raw.startsWith('//') && !/[\r\n]/.test(raw) ? raw : '/admin/';
}
