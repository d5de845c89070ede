// /notifications/*: where the links in mails lead. GET shows what the link will do; POST does
// it. The unsubscribe address also takes RFC 8058's one-click POST straight from a mail client
// (token in the query, body "List-Unsubscribe=One-Click", urlencoded or multipart).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { articlePath } from '../../domain/article.ts';
import { AppError } from '../../domain/errors.ts';
import type { ManageNotifications, UnsubscribeScope } from '../../notify/manage-notifications.ts';
import { renderDocument } from '../../views/layout.tsx';
import { MailLinkPage, ManageNotificationsPage, type MailLinkPageProps } from '../../views/notification-pages.tsx';
import type { SiteView } from '../../views/site.ts';
import { statusForKind } from '../error-responses.ts';
import { formField as field } from '../form-field.ts';
import { sendPersonalPage } from '../send-page.ts';

export interface NotificationPageDeps {
  readonly site: SiteView;
  readonly manageNotifications: ManageNotifications;
}

type Request = FastifyRequest<{ Querystring: Record<string, unknown>; Body: unknown }>;

const statusWords = { approved: 'approved', pending: 'held for moderation', spam: 'marked as spam', trash: 'in the trash' } as const;

export function registerNotificationPages(app: FastifyInstance, deps: NotificationPageDeps) {
  const { site, manageNotifications: notify } = deps;
  const m = site.messages;

  const page = (reply: FastifyReply, props: Omit<MailLinkPageProps, 'site'>, status = 200) =>
    sendPersonalPage(reply.header('x-robots-tag', 'noindex'), renderDocument(MailLinkPage({ site, ...props })), status);

  /** A link that is forged, expired or moot gets a page saying so, never a stack trace. */
  const refuse = (reply: FastifyReply, e: unknown) => {
    if (!(e instanceof AppError)) throw e;
    return page(reply, { title: m.badRequestTitle, lines: [m.errors[e.code]] }, statusForKind[e.kind]);
  };

  /** What an unsubscribe link stops, before (`done` false) or after. */
  const describe = (scope: UnsubscribeScope, done: boolean): string => {
    const t = done ? m.unsubscribed : m.unsubscribe;
    if (scope.kind === 'address') return t.address;
    if (scope.kind === 'staff') return t.staff;
    if (!scope.subscription) return m.unsubscribeGone;
    return t.subscription(scope.subscription.kind === 'replies' ? m.repliesTo : m.newCommentsOn, scope.subscription.articleTitle);
  };

  app.get('/notifications/confirm', async (request: Request, reply) => {
    const token = tokenOf(request);
    if (!notify.canConfirm(token)) return refuse(reply, new AppError('mail_link_invalid'));
    return page(reply, { title: m.confirmTitle, lines: [m.confirmText], action: { url: '/notifications/confirm', token, label: m.confirmButton } });
  });
  app.post('/notifications/confirm', async (request: Request, reply) => {
    try {
      const { manageUrl } = await notify.confirm(tokenOf(request));
      return page(reply, { title: m.confirmedTitle, lines: [m.confirmedText], links: [{ href: manageUrl, label: m.manageTitle }] });
    } catch (e) {
      return refuse(reply, e);
    }
  });

  app.get('/notifications/unsubscribe', async (request: Request, reply) => {
    const token = tokenOf(request);
    try {
      const scope = await notify.describeUnsubscribe(token);
      const moot = scope.kind === 'subscription' && !scope.subscription;
      return page(reply, { title: m.unsubscribeTitle, lines: [describe(scope, false)], action: moot ? undefined : { url: `/notifications/unsubscribe?token=${encodeURIComponent(token)}`, token, label: m.unsubscribeButton } });
    } catch (e) {
      return refuse(reply, e);
    }
  });
  // Mail clients post here with any of the form encodings; only the token in the URL matters.
  app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16_384 }, (_request, _body, done) => done(null, {}));
    scope.post('/notifications/unsubscribe', async (request: Request, reply) => {
      try {
        const done = await notify.unsubscribe(tokenOf(request));
        return page(reply, { title: m.unsubscribedTitle, lines: [describe(done, true)] });
      } catch (e) {
        return refuse(reply, e);
      }
    });
  });

  const showManage = async (reply: FastifyReply, token: string, done?: string) => {
    const subscriptions = await notify.listSubscriptions(token);
    const listed = subscriptions.map((s) => ({
      id: s.id,
      description: s.kind === 'replies' ? m.repliesTo : m.newCommentsOn,
      articleTitle: s.articleTitle,
      articleUrl: articlePath({ slug: s.articleSlug, publishedAt: s.articlePublishedAt }) + (s.commentId ? `#comment-${s.commentId}` : ''),
    }));
    return sendPersonalPage(reply.header('x-robots-tag', 'noindex'), renderDocument(ManageNotificationsPage({ site, token, subscriptions: listed, done })));
  };
  app.get('/notifications/manage', async (request: Request, reply) => {
    try {
      return await showManage(reply, tokenOf(request));
    } catch (e) {
      return refuse(reply, e);
    }
  });
  app.post('/notifications/manage', async (request: Request, reply) => {
    const token = tokenOf(request);
    const which = field(request.body, 'subscription');
    try {
      await notify.removeSubscription(token, which === 'all' ? null : Number.parseInt(which, 10) || -1);
      return await showManage(reply, token, m.manageRemoved);
    } catch (e) {
      return refuse(reply, e);
    }
  });

  app.get('/notifications/moderate', async (request: Request, reply) => {
    const token = tokenOf(request);
    try {
      const { grant, comment, article } = await notify.describeModeration(token);
      const label = m.moderateActions[grant.action];
      if (comment.status === (grant.action === 'approve' ? 'approved' : grant.action)) return page(reply, { title: m.moderateTitle(label), lines: [m.moderateAlready(statusWords[comment.status])] });
      return page(reply, {
        title: m.moderateTitle(label),
        lines: [m.moderateText(comment.authorName || 'Anonymous', article?.title ?? '—'), comment.bodyText],
        action: { url: '/notifications/moderate', token, label, danger: grant.action !== 'approve' },
      });
    } catch (e) {
      return refuse(reply, e);
    }
  });
  app.post('/notifications/moderate', async (request: Request, reply) => {
    try {
      const { comment } = await notify.moderate(tokenOf(request));
      return page(reply, { title: m.moderatedTitle(statusWords[comment.status]), lines: [] });
    } catch (e) {
      if (e instanceof AppError && e.code === 'transition_not_allowed') return page(reply, { title: m.badRequestTitle, lines: [m.errors.transition_not_allowed] }, 409);
      return refuse(reply, e);
    }
  });
}

/** The token from the form body, else from the query (one-click unsubscribe keeps it in the URL). */
function tokenOf(request: Request): string {
  return field(request.body, 'token') || field(request.query, 'token');
}
