// The public error pages: 404, 400/413/415 and 500, each a real page with a way back.

import type { FastifyReply } from 'fastify';
import { ErrorPage } from '../../views/error-page.tsx';
import { renderDocument } from '../../views/layout.tsx';
import type { SiteView } from '../../views/site.ts';
import { sendPersonalPage } from '../send-page.ts';

export function sendNotFound(deps: { site: SiteView }, reply: FastifyReply, keptComment?: string) {
  const m = deps.site.messages;
  return sendPersonalPage(reply, renderDocument(ErrorPage({ site: deps.site, title: m.notFoundTitle, text: m.notFoundText, keptComment })), 404);
}

/** The page for an error status; `text` says more than the status can, `keptComment` is the reader's text. */
export function sendErrorPage(deps: { site: SiteView }, reply: FastifyReply, status: number, options: { text?: string; keptComment?: string } = {}) {
  const m = deps.site.messages;
  const [title, text] =
    status === 413 ? [m.tooLargeTitle, m.tooLargeText] : status === 415 ? [m.badRequestTitle, m.unsupportedFormText] : status === 404 ? [m.notFoundTitle, m.notFoundText] : status === 503 ? [m.unavailableTitle, m.unavailableText] : status < 500 ? [m.badRequestTitle, m.badRequestText] : [m.serverErrorTitle, m.serverErrorText];
  return sendPersonalPage(reply, renderDocument(ErrorPage({ site: deps.site, title, text: options.text ?? text, keptComment: options.keptComment })), status);
}
