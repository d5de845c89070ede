// Which mails a comment causes, queued in the same transaction that stores the comment or
// changes its status, so a mail exists exactly when its cause committed:
// - held comment → each admin and moderator (one-click moderation links);
// - first subscription of an address → a confirmation (double opt-in, at most one a day);
// - a comment made public → confirmed subscribers to its parent's replies and to the article,
//   never its own author; and its author, if it had been held and they subscribed.

import { randomUUID } from 'node:crypto';
import { articlePath, type Article } from '../domain/article.ts';
import type { Comment } from '../domain/comment.ts';
import type { StaffId } from '../domain/ids.ts';
import type { CheckReason } from '../domain/moderation.ts';
import type { HeldCommentMail } from '../domain/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import { link, quote, renderHtml, renderText, text, type Block, type MailBody } from './mail-content.ts';
import { mailModerationActions, type MailLinks, type UnsubscribeTarget } from './mail-links.ts';
import type { MailAttachment, MailKind, OutboxStore } from './outbox-store.ts';
import type { Recipient, SubscriptionStore } from './subscription-store.ts';

/** The stores a transaction lends the notifications. */
export interface NotifyStores {
  readonly outbox: OutboxStore;
  readonly subscriptions: SubscriptionStore;
}

export interface NotificationsDeps {
  readonly keyedHash: KeyedHash;
  readonly links: MailLinks;
  readonly siteName: string;
  /** Absolute, without a trailing slash. */
  readonly siteUrl: string;
  readonly clock: Clock;
}

/** What the commenter ticked under the form. */
export interface SubscribeRequest {
  readonly replies: boolean;
  readonly article: boolean;
}

const confirmationGapMs = 86_400_000; // one confirmation mail per address per day at most

const actionLabels = { approve: 'Approve', spam: 'Mark as spam', trash: 'Move to trash' } as const;

export function createNotifications(deps: NotificationsDeps) {
  const messageHost = new URL(deps.siteUrl).hostname || 'dateline';
  const commentUrl = (article: Pick<Article, 'slug' | 'publishedAt'>, comment: Pick<Comment, 'id'>) => `${deps.siteUrl}${articlePath(article)}#comment-${comment.id}`;
  const emailHash = (email: string) => deps.keyedHash.hash('email', email);

  /** Queues one mail in the caller's transaction. */
  async function queue(outbox: OutboxStore, mail: { kind: MailKind; to: string; subject: string; body: MailBody; unsubscribe: UnsubscribeTarget | null; attachment?: MailAttachment }) {
    const subject = `[${deps.siteName}] ${mail.subject}`;
    await outbox.enqueue({
      kind: mail.kind,
      to: mail.to,
      subject,
      text: renderText(mail.body),
      html: renderHtml(mail.body, subject),
      unsubscribeUrl: mail.unsubscribe ? deps.links.unsubscribe(mail.unsubscribe) : null,
      attachment: mail.attachment ?? null,
      messageId: `<${randomUUID()}@${messageHost}>`,
      at: deps.clock.now(),
    });
  }

  /** The small print of a mail to a commenter: why, and how to stop. */
  const commenterFooter = (why: string, unsubscribe: UnsubscribeTarget, hash: string): Block[] => [
    text(why),
    link('Stop these mails', deps.links.unsubscribe(unsubscribe)),
    link('Manage all your notifications', deps.links.manage(hash)),
  ];

  /** The small print of a mail to staff about held comments. */
  const staffFooter = (why: string, staffId: StaffId): Block[] => [text(why), link('Stop mails about held comments', deps.links.unsubscribe({ staffId }))];

  async function subscribe(stores: NotifyStores, comment: Comment, wants: SubscribeRequest) {
    if (!comment.authorEmail || (!wants.replies && !wants.article)) return;
    const now = deps.clock.now();
    const hash = emailHash(comment.authorEmail);
    const address = await stores.subscriptions.rememberAddress({ emailHash: hash, email: comment.authorEmail, at: now });
    if (wants.replies) await stores.subscriptions.subscribe({ emailHash: hash, kind: 'replies', articleId: comment.articleId, commentId: comment.id, at: now });
    if (wants.article) await stores.subscriptions.subscribe({ emailHash: hash, kind: 'article', articleId: comment.articleId, commentId: null, at: now });
    if (address.confirmedAt) return;
    if (address.confirmationSentAt && now.getTime() - address.confirmationSentAt.getTime() < confirmationGapMs) return;
    await stores.subscriptions.markConfirmationSent(hash, now);
    await queue(stores.outbox, {
      kind: 'confirm_address',
      to: comment.authorEmail,
      subject: 'Confirm your email address for notifications',
      body: {
        blocks: [
          text(`You (or someone using your address) asked ${deps.siteName} to send notifications about comments to this address.`),
          text('Nothing is sent until you confirm. The link works for 7 days:'),
          link('Confirm my address', deps.links.confirm(hash, now)),
          text('If it was not you, ignore this mail: you will hear nothing more from us.'),
        ],
        footer: [text(`Sent once by ${deps.siteName} because this address was entered under a comment.`), link('Never mind: forget this address', deps.links.unsubscribe({ emailHash: hash }))],
      },
      unsubscribe: { emailHash: hash },
    });
  }

  async function tellModerators(stores: NotifyStores, comment: Comment, article: Article) {
    const now = deps.clock.now();
    const why = comment.reasons.map((r: CheckReason) => r.detail).join('; ') || 'held for review';
    for (const staff of await stores.subscriptions.heldCommentRecipients()) {
      const actions = mailModerationActions.map((action) => link(actionLabels[action], deps.links.moderate({ commentId: comment.id, action, staffId: staff.id }, now)));
      await queue(stores.outbox, {
        kind: 'held_comment',
        to: staff.email,
        subject: `Please moderate: "${article.title}"`,
        body: {
          blocks: [
            text(`A new comment on "${article.title}" is waiting for your approval.`),
            text(`Author: ${comment.authorName || 'Anonymous'}${comment.authorUrl ? ` (${comment.authorUrl})` : ''}\nWhy it was held: ${why}`),
            quote(comment.bodyText),
            ...actions,
            link('Open the moderation queue', `${deps.siteUrl}/admin/comments?tab=pending`),
          ],
          footer: staffFooter('You get this because you moderate comments.', staff.id),
        },
        unsubscribe: { staffId: staff.id },
      });
    }
  }

  /** Each confirmed subscriber once (a reply subscription wins over an article one), never the author. */
  function pickRecipients(all: readonly Recipient[], authorHash: string | null): Recipient[] {
    const byAddress = new Map<string, Recipient>();
    for (const r of all) {
      if (r.emailHash === authorHash) continue;
      const seen = byAddress.get(r.emailHash);
      if (!seen || (seen.kind === 'article' && r.kind === 'replies')) byAddress.set(r.emailHash, r);
    }
    return [...byAddress.values()];
  }

  async function tellSubscribers(stores: NotifyStores, comment: Comment, article: Article) {
    const authorHash = comment.authorEmail ? emailHash(comment.authorEmail) : null;
    const recipients = pickRecipients(await stores.subscriptions.recipientsFor({ articleId: comment.articleId, parentId: comment.parentId }), authorHash);
    const who = comment.authorName || 'Anonymous';
    for (const r of recipients) {
      const isReply = r.kind === 'replies';
      await queue(stores.outbox, {
        kind: isReply ? 'reply' : 'new_comment',
        to: r.email,
        subject: isReply ? `${who} replied to your comment on "${article.title}"` : `New comment on "${article.title}"`,
        body: {
          blocks: [text(isReply ? `${who} replied to your comment on "${article.title}":` : `${who} commented on "${article.title}":`), quote(comment.bodyText), link('Read it and reply', commentUrl(article, comment))],
          footer: commenterFooter(isReply ? 'You get this because you asked to hear about replies to your comment.' : 'You get this because you asked to hear about new comments on this article.', { subscriptionId: r.subscriptionId }, r.emailHash),
        },
        unsubscribe: { subscriptionId: r.subscriptionId },
      });
    }
  }

  async function tellAuthorApproved(stores: NotifyStores, comment: Comment, article: Article) {
    if (!comment.authorEmail) return;
    const hash = emailHash(comment.authorEmail);
    const covering = await stores.subscriptions.coveringComment({ emailHash: hash, articleId: comment.articleId, commentId: comment.id });
    if (!covering) return;
    await queue(stores.outbox, {
      kind: 'comment_approved',
      to: comment.authorEmail,
      subject: `Your comment on "${article.title}" is published`,
      body: {
        blocks: [text(`A moderator approved your comment on "${article.title}". It is now on the page:`), link('See your comment', commentUrl(article, comment))],
        footer: commenterFooter('You get this because you asked for notifications about this conversation.', { subscriptionId: covering.id }, hash),
      },
      unsubscribe: { subscriptionId: covering.id },
    });
  }

  return {
    /** A comment was just stored (inside the submission's transaction). */
    async commentStored(stores: NotifyStores, event: { comment: Comment; article: Article; subscribe: SubscribeRequest; heldCommentMail: HeldCommentMail }) {
      const { comment, article } = event;
      if (comment.status === 'spam' || comment.status === 'trash') return; // spammers get no mail, nor do moderators
      await subscribe(stores, comment, event.subscribe);
      if (comment.status === 'pending' && event.heldCommentMail === 'each') await tellModerators(stores, comment, article);
      if (comment.status === 'approved') await tellSubscribers(stores, comment, article);
    },

    /** A comment became public after being held or spammed (inside the moderation's transaction). */
    async commentApproved(stores: NotifyStores, event: { comment: Comment; article: Article }) {
      await tellSubscribers(stores, event.comment, event.article);
      await tellAuthorApproved(stores, event.comment, event.article);
    },

    /** A reply written by staff in the admin: public at once. */
    async staffReplied(stores: NotifyStores, event: { comment: Comment; article: Article }) {
      await tellSubscribers(stores, event.comment, event.article);
    },

    queue,
    staffFooter,
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
