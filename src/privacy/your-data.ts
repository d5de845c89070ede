// A commenter's own data: an export of everything stored about their comments (JSON, mailed
// to them) or its erasure, asked for from /privacy/your-data and confirmed from a mailed link
// (one hour, once); staff run both directly from the admin or `dateline privacy`. Every run is
// logged without the address. Asking never reveals whether an address has comments here.

import { randomBytes } from 'node:crypto';
import { tokenHash } from '../accounts/sign-in.ts';
import { articlePath } from '../domain/article.ts';
import { isEmail, normalizeEmail } from '../domain/email.ts';
import { AppError, InvalidFields } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { ArticleId } from '../domain/ids.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { Transact } from '../lib/transact.ts';
import { link, text } from '../notify/mail-content.ts';
import type { Notifications } from '../notify/notifications.ts';
import type { OutboxStore } from '../notify/outbox-store.ts';
import type { SubscriptionStore } from '../notify/subscription-store.ts';
import type { PrivacyRequestKind } from '../domain/privacy.ts';
import type { PersonalDataStore } from './personal-data-store.ts';

export interface YourDataDeps {
  readonly transact: Transact<{ personalData: PersonalDataStore; outbox: OutboxStore; subscriptions: SubscriptionStore }>;
  readonly notifications: Pick<Notifications, 'queue'>;
  readonly keyedHash: KeyedHash;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly siteName: string;
  readonly siteUrl: string;
}

const linkMs = 3_600_000; // a confirmation link works for an hour
const requestGapMs = 600_000; // one request mail per address per ten minutes
export const deletedPlaceholder = { text: '[deleted]', html: '<p>[deleted]</p>' };

export function createYourData(deps: YourDataDeps) {
  const emailHash = (email: string) => deps.keyedHash.hash('email', email);

  function checkedEmail(raw: string): string {
    const email = normalizeEmail(raw.slice(0, 200));
    if (email === '') throw new InvalidFields([new AppError('email_required', { field: 'email' })]);
    if (!isEmail(email)) throw new InvalidFields([new AppError('email_invalid', { field: 'email' })]);
    return email;
  }

  /** Everything stored about the address's comments and subscriptions, as a JSON document. */
  async function exportJson(stores: { personalData: PersonalDataStore; subscriptions: SubscriptionStore }, email: string) {
    const [comments, subscriptions] = await Promise.all([stores.personalData.commentsBy(email), stores.subscriptions.listFor(emailHash(email))]);
    const document = {
      site: deps.siteName,
      exportedAt: deps.clock.now().toISOString(),
      email,
      comments: comments.map((c) => ({
        id: c.id,
        article: { title: c.articleTitle, url: `${deps.siteUrl}${articlePath({ slug: c.articleSlug, publishedAt: c.articlePublishedAt })}` },
        parentId: c.parentId,
        status: c.status,
        name: c.authorName,
        email: c.authorEmail,
        website: c.authorUrl,
        ip: c.ip,
        userAgent: c.userAgent,
        text: c.bodyText,
        createdAt: c.createdAt.toISOString(),
        editedAt: c.editedAt?.toISOString() ?? null,
      })),
      subscriptions: subscriptions.map((s) => ({ kind: s.kind, article: s.articleTitle, commentId: s.commentId })),
    };
    return { json: `${JSON.stringify(document, null, 2)}\n`, comments: comments.length };
  }

  async function erase(stores: { personalData: PersonalDataStore }, email: string, deleteText: boolean, actor: string) {
    const at = deps.clock.now();
    const result = await stores.personalData.erase({ email, emailHash: emailHash(email), deleteText, placeholder: deletedPlaceholder, at });
    await stores.personalData.logRun({ action: deleteText ? 'erase_and_delete' : 'erase', actor, comments: result.comments, at });
    return result;
  }

  const announce = (articleIds: readonly ArticleId[]) => {
    for (const articleId of articleIds) deps.events.emit({ type: 'comments.erased', articleId });
  };

  return {
    /**
     * Mails a confirmation link for an export or an erasure if the address has anything here and
     * asked nothing in the last ten minutes; otherwise does nothing. Says the same either way.
     */
    async request(input: { email: string; kind: PrivacyRequestKind }): Promise<void> {
      const email = checkedEmail(input.email);
      const now = deps.clock.now();
      await deps.transact(async ({ personalData, outbox, subscriptions }) => {
        const last = await personalData.lastRequestAt(email);
        if (last && now.getTime() - last.getTime() < requestGapMs) return;
        const hasData = (await personalData.commentsBy(email)).length > 0 || (await subscriptions.listFor(emailHash(email))).length > 0;
        if (!hasData) return;
        const token = randomBytes(32).toString('base64url');
        await personalData.saveRequest({ tokenHash: tokenHash(token), email, kind: input.kind, at: now, expiresAt: new Date(now.getTime() + linkMs) });
        const isExport = input.kind === 'export';
        await deps.notifications.queue(outbox, {
          kind: 'data_export',
          to: email,
          subject: isExport ? 'Confirm: send me my data' : 'Confirm: erase my data',
          body: {
            blocks: [
              text(isExport ? `Someone (we hope you) asked ${deps.siteName} for a copy of everything stored about the comments made with this address.` : `Someone (we hope you) asked ${deps.siteName} to erase your name, email, website and IP address from every comment made with this address.`),
              text('Open this link within the hour and press the button there; it works once:'),
              link(isExport ? 'Send me my data' : 'Erase my data', `${deps.siteUrl}/privacy/your-data/confirm?token=${token}`),
              text('If you did not ask, ignore this mail: nothing happens.'),
            ],
            footer: [text(`Sent once by ${deps.siteName} because this address was entered on its "Your data" page.`)],
          },
          unsubscribe: null,
        });
      });
    },

    /** What a confirmation link would do, if it is genuine and fresh. */
    async describe(token: string): Promise<PrivacyRequestKind> {
      const found = await deps.transact(({ personalData }) => personalData.findRequest(tokenHash(token), deps.clock.now()));
      if (!found) throw new AppError('mail_link_invalid');
      return found.kind;
    },

    /** Carries out a confirmed request: the export is mailed; the erasure runs now. */
    async confirm(token: string, options: { deleteComments: boolean }): Promise<{ kind: PrivacyRequestKind; comments: number }> {
      const result = await deps.transact(async ({ personalData, outbox, subscriptions }) => {
        const request = await personalData.takeRequest(tokenHash(token), deps.clock.now());
        if (!request) throw new AppError('mail_link_invalid');
        if (request.kind === 'erase') return { kind: request.kind, ...(await erase({ personalData }, request.email, options.deleteComments, 'commenter')) };
        const { json, comments } = await exportJson({ personalData, subscriptions }, request.email);
        await personalData.logRun({ action: 'export', actor: 'commenter', comments, at: deps.clock.now() });
        await deps.notifications.queue(outbox, {
          kind: 'data_export',
          to: request.email,
          subject: 'Your data',
          body: { blocks: [text(`Attached is everything ${deps.siteName} stores about your ${comments} comment${comments === 1 ? '' : 's'} and your notifications, as JSON.`)], footer: [text('Sent because you asked for it and confirmed.')] },
          unsubscribe: null,
          attachment: { name: 'your-data.json', json },
        });
        return { kind: request.kind, comments, articleIds: [] as ArticleId[] };
      });
      announce(result.articleIds);
      return { kind: result.kind, comments: result.comments };
    },

    /** Staff: the export as JSON, at once. */
    async exportFor(rawEmail: string, actor: string): Promise<{ json: string; comments: number }> {
      const email = checkedEmail(rawEmail);
      return deps.transact(async ({ personalData, subscriptions }) => {
        const result = await exportJson({ personalData, subscriptions }, email);
        await personalData.logRun({ action: 'export', actor, comments: result.comments, at: deps.clock.now() });
        return result;
      });
    },

    /** Staff: the erasure, at once. */
    async eraseFor(rawEmail: string, options: { deleteComments: boolean; actor: string }): Promise<{ comments: number }> {
      const email = checkedEmail(rawEmail);
      const result = await deps.transact(({ personalData }) => erase({ personalData }, email, options.deleteComments, options.actor));
      announce(result.articleIds);
      return { comments: result.comments };
    },

    listRuns: (limit: number) => deps.transact(({ personalData }) => personalData.listRuns(limit)),
  };
}

export type YourData = ReturnType<typeof createYourData>;
