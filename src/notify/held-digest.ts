// The digest of held comments, for sites that set held-comment mail to 'digest': a job that
// runs every few minutes (once across instances) and, when comments were held since the last
// digest, mails each admin and moderator the list of comments waiting, newest first.

import { articlePath } from '../domain/article.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import type { Job } from '../jobs/run-jobs.ts';
import type { Transact } from '../lib/transact.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import { link, text } from './mail-content.ts';
import type { Notifications, NotifyStores } from './notifications.ts';

const listed = 20;
const idleCheckMs = 60_000;

export interface HeldDigestDeps {
  readonly settings: SettingsStore;
  readonly comments: CommentStore;
  readonly articles: ArticleStore;
  readonly transact: Transact<NotifyStores>;
  readonly notifications: Pick<Notifications, 'queue' | 'staffFooter'>;
  readonly siteUrl: string;
}

export function createHeldDigest(deps: HeldDigestDeps): Job {
  const everyMs = async () => {
    const settings = await deps.settings.discussion();
    return settings.heldCommentMail === 'digest' ? settings.heldCommentDigestMinutes * 60_000 : idleCheckMs;
  };
  return {
    name: 'held-comment-digest',
    intervalMs: everyMs,
    async run(now) {
      const settings = await deps.settings.discussion();
      if (settings.heldCommentMail !== 'digest') return 'digest off';
      const waiting = await deps.comments.queue({ status: 'pending', limit: listed });
      const since = now.getTime() - settings.heldCommentDigestMinutes * 60_000;
      if (!waiting.some((c) => c.createdAt.getTime() > since)) return 'nothing new held';
      const counts = await deps.comments.countByStatus({ upTo: 10_000 });
      const total = counts.pending ?? waiting.length;
      const lines = await Promise.all(
        waiting.map(async (c) => {
          const article = await deps.articles.findById(c.articleId);
          return text(`${c.authorName || 'Anonymous'} on "${article?.title ?? 'a removed article'}": ${c.bodyText.slice(0, 140).replace(/\s+/g, ' ')}${c.bodyText.length > 140 ? '…' : ''}${article ? `\n${deps.siteUrl}${articlePath(article)}` : ''}`);
        }),
      );
      const sent = await deps.transact(async (stores) => {
        const staff = await stores.subscriptions.heldCommentRecipients();
        for (const s of staff) {
          await deps.notifications.queue(stores.outbox, {
            kind: 'held_digest',
            to: s.email,
            subject: `${total} comment${total === 1 ? ' is' : 's are'} waiting for moderation`,
            body: {
              blocks: [text(`${total} comment${total === 1 ? ' is' : 's are'} waiting for your approval${total > listed ? `; the ${listed} newest:` : ':'}`), ...lines, link('Open the moderation queue', `${deps.siteUrl}/admin/comments?tab=pending`)],
              footer: deps.notifications.staffFooter(`You get this digest every ${settings.heldCommentDigestMinutes} minutes while new comments are held, because you moderate comments.`, s.id),
            },
            unsubscribe: { staffId: s.id },
          });
        }
        return staff.length;
      });
      return `digest to ${sent}`;
    },
  };
}
