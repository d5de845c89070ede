// What the links in mails lead to. Each reads its signed token; the GET side only describes
// what would happen (mail scanners open links), the POST side does it.
// - confirm an address (double opt-in);
// - unsubscribe: one subscription, an address entirely, or a staff member's held-comment mail;
// - manage: every subscription of an address;
// - moderate a held comment from a mail, as the staff member it was sent to.

import type { Article } from '../domain/article.ts';
import type { Comment } from '../domain/comment.ts';
import { AppError } from '../domain/errors.ts';
import { staffActor } from '../domain/staff.ts';
import type { Clock } from '../lib/clock.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import type { ModerateComment } from '../moderation/moderate-comment.ts';
import type { MailLinks, ModerationGrant, UnsubscribeTarget } from './mail-links.ts';
import type { StaffRecipient, SubscriptionStore, SubscriptionView } from './subscription-store.ts';

export interface ManageNotificationsDeps {
  readonly subscriptions: SubscriptionStore;
  readonly comments: Pick<CommentStore, 'findById'>;
  readonly articles: Pick<ArticleStore, 'findById'>;
  readonly moderateComment: ModerateComment;
  readonly links: MailLinks;
  readonly clock: Clock;
}

/** What an unsubscribe link would stop, described for its page. */
export type UnsubscribeScope =
  | { readonly kind: 'subscription'; readonly subscription: SubscriptionView | undefined }
  | { readonly kind: 'address' }
  | { readonly kind: 'staff'; readonly staff: StaffRecipient | undefined };

export interface MailModeration {
  readonly grant: ModerationGrant;
  readonly comment: Comment;
  readonly article: Article | undefined;
  readonly staff: StaffRecipient;
}

export function createManageNotifications(deps: ManageNotificationsDeps) {
  const invalid = () => new AppError('mail_link_invalid');

  async function readUnsubscribe(token: string): Promise<{ target: UnsubscribeTarget; scope: UnsubscribeScope }> {
    const target = deps.links.readUnsubscribe(token);
    if (!target) throw invalid();
    if ('emailHash' in target) return { target, scope: { kind: 'address' } };
    if ('staffId' in target) return { target, scope: { kind: 'staff', staff: await deps.subscriptions.findStaffRecipient(target.staffId) } };
    const subscription = await deps.subscriptions.find(target.subscriptionId);
    const view = subscription && (await deps.subscriptions.listFor(subscription.emailHash)).find((s) => s.id === subscription.id);
    return { target, scope: { kind: 'subscription', subscription: view } };
  }

  async function readModeration(token: string): Promise<MailModeration> {
    const grant = deps.links.readModerate(token, deps.clock.now());
    if (!grant) throw invalid();
    const [staff, comment] = await Promise.all([deps.subscriptions.findStaffRecipient(grant.staffId), deps.comments.findById(grant.commentId)]);
    // A staff member removed since the mail was sent can no longer act through it.
    if (!staff) throw invalid();
    if (!comment) throw new AppError('comment_not_found');
    return { grant, comment, article: await deps.articles.findById(comment.articleId), staff };
  }

  return {
    /** Whether a confirmation link is genuine and fresh. */
    canConfirm: (token: string) => deps.links.readConfirm(token, deps.clock.now()) !== undefined,

    /** Confirms the address; its subscriptions start working. */
    async confirm(token: string): Promise<{ manageUrl: string }> {
      const emailHash = deps.links.readConfirm(token, deps.clock.now());
      if (!emailHash || !(await deps.subscriptions.confirmAddress(emailHash, deps.clock.now()))) throw invalid();
      return { manageUrl: deps.links.manage(emailHash) };
    },

    describeUnsubscribe: async (token: string) => (await readUnsubscribe(token)).scope,

    /** Stops what the link names. Doing it twice is fine (RFC 8058 clients may retry). */
    async unsubscribe(token: string): Promise<UnsubscribeScope> {
      const { target, scope } = await readUnsubscribe(token);
      if ('subscriptionId' in target) await deps.subscriptions.remove(target.subscriptionId);
      else if ('emailHash' in target) await deps.subscriptions.removeAll(target.emailHash);
      else await deps.subscriptions.setHeldCommentMail(target.staffId, false);
      return scope;
    },

    async listSubscriptions(token: string): Promise<SubscriptionView[]> {
      const emailHash = deps.links.readManage(token);
      if (!emailHash) throw invalid();
      return deps.subscriptions.listFor(emailHash);
    },

    /** Removes one subscription of the token's address (null = all of them). */
    async removeSubscription(token: string, subscriptionId: number | null): Promise<void> {
      const emailHash = deps.links.readManage(token);
      if (!emailHash) throw invalid();
      if (subscriptionId === null) {
        await deps.subscriptions.removeAll(emailHash);
        return;
      }
      const subscription = await deps.subscriptions.find(subscriptionId);
      if (subscription?.emailHash === emailHash) await deps.subscriptions.remove(subscriptionId);
    },

    describeModeration: readModeration,

    /** Applies the mailed action as its staff member; a comment already moved says so (Conflict). */
    async moderate(token: string): Promise<MailModeration> {
      const found = await readModeration(token);
      const comment = await deps.moderateComment({ commentId: found.comment.id, action: found.grant.action, actor: staffActor(found.staff), reason: 'from a mail link' });
      return { ...found, comment };
    },
  };
}

export type ManageNotifications = ReturnType<typeof createManageNotifications>;
