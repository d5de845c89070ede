// /privacy/ (what is stored and for how long, from the live settings; cached like any public
// page) and /privacy/your-data (ask for an export or an erasure; confirm from the mailed link:
// GET shows the button, POST acts).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, InvalidFields } from '../../domain/errors.ts';
import { sessionDays } from '../../accounts/sign-in.ts';
import type { YourData } from '../../privacy/your-data.ts';
import { renderDocument } from '../../views/layout.tsx';
import { MailLinkPage } from '../../views/notification-pages.tsx';
import { PrivacyPage, YourDataConfirmPage, YourDataPage } from '../../views/privacy-pages.tsx';
import { pendingPreviewHours, rememberDays } from '../commenter-cookies.ts';
import { statusForKind } from '../error-responses.ts';
import { formField as field } from '../form-field.ts';
import type { PageDeps } from '../page-deps.ts';
import { htmlType, sendPersonalPage } from '../send-page.ts';
import { sendSharedDocument } from '../send-shared-document.ts';

type Request = FastifyRequest<{ Querystring: Record<string, unknown>; Body: unknown }>;

export function registerPrivacyPages(app: FastifyInstance, deps: PageDeps & { readonly yourData: YourData }) {
  const site = deps.site;
  const personal = (reply: FastifyReply, html: string, status = 200) => sendPersonalPage(reply.header('x-robots-tag', 'noindex'), html, status);
  const refuse = (reply: FastifyReply, e: unknown) => {
    if (!(e instanceof AppError)) throw e;
    return personal(reply, renderDocument(MailLinkPage({ site, title: site.messages.badRequestTitle, lines: [site.messages.errors[e.code]], links: [{ href: '/privacy/your-data', label: 'Ask again' }] })), statusForKind[e.kind]);
  };

  app.get('/privacy/', (request, reply) =>
    sendSharedDocument(deps, request, reply, {
      contentType: htmlType,
      render: async () => {
        const settings = await deps.settings.discussion();
        const facts = { ipRetentionDays: settings.ipRetentionDays, pendingCookieHours: pendingPreviewHours, rememberCookieDays: rememberDays, staffSessionDays: sessionDays, holdsForReview: settings.holdAllComments || settings.requirePreviouslyApproved, editWindowMinutes: settings.editWindowMinutes };
        return { body: renderDocument(PrivacyPage({ site, facts })), cacheTags: [] };
      },
    }),
  );
  app.get('/privacy', (_request, reply) => reply.redirect('/privacy/', 301));

  app.get('/privacy/your-data', (_request, reply) => personal(reply, renderDocument(YourDataPage({ site, email: '', kind: 'export', error: null, sent: false }))));
  app.post('/privacy/your-data', async (request: Request, reply) => {
    const email = field(request.body, 'email');
    const kind = field(request.body, 'kind') === 'erase' ? 'erase' : 'export';
    try {
      await deps.yourData.request({ email, kind });
      return personal(reply, renderDocument(YourDataPage({ site, email: '', kind, error: null, sent: true })));
    } catch (e) {
      if (!(e instanceof InvalidFields)) throw e;
      return personal(reply, renderDocument(YourDataPage({ site, email, kind, error: site.messages.errors[e.errors[0]!.code], sent: false })), 422);
    }
  });

  app.get('/privacy/your-data/confirm', async (request: Request, reply) => {
    const token = field(request.query, 'token');
    try {
      return personal(reply, renderDocument(YourDataConfirmPage({ site, token, kind: await deps.yourData.describe(token) })));
    } catch (e) {
      return refuse(reply, e);
    }
  });
  app.post('/privacy/your-data/confirm', async (request: Request, reply) => {
    try {
      const done = await deps.yourData.confirm(field(request.body, 'token'), { deleteComments: field(request.body, 'delete_comments') === '1' });
      const lines =
        done.kind === 'export'
          ? ['Your data is on its way to your mailbox as a JSON file.']
          : [`Done: your details are erased from ${done.comments} comment${done.comments === 1 ? '' : 's'}, and your notifications are stopped.`];
      return personal(reply, renderDocument(MailLinkPage({ site, title: done.kind === 'export' ? 'Your data is on its way' : 'Your data is erased', lines })));
    } catch (e) {
      return refuse(reply, e);
    }
  });
}
