// What an article page shows of its discussion: approved comments as a thread, plus the
// reader's own held comments when they hold a valid token for them. Public fields only.

import type { Article } from '../domain/article.ts';
import type { PublicComment } from '../domain/comment.ts';
import type { Discussion } from '../domain/discussion.ts';
import type { CommentId } from '../domain/ids.ts';
import { buildThread } from '../domain/thread.ts';
import type { KeyedHash } from '../lib/keyed-hash.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { CommentStore } from './comment-store.ts';

export interface ListDiscussionDeps {
  readonly comments: CommentStore;
  readonly settings: SettingsStore;
  readonly keyedHash: KeyedHash;
}

export function createListDiscussion(deps: ListDiscussionDeps) {
  return async function listDiscussion(article: Article, ownPendingIds: readonly CommentId[] = []): Promise<Discussion> {
    const [settings, rows] = await Promise.all([
      deps.settings.discussion(),
      deps.comments.listForArticle({ articleId: article.id, statuses: ['approved'], alsoIds: ownPendingIds }),
    ]);
    // Through a token its author sees a held comment as awaiting moderation, and a spammed one
    // the same way (spam is silent: a spammer learns nothing). A trashed one is gone.
    const visible = rows.filter((c) => c.status !== 'trash');
    const publicComments: PublicComment[] = visible.map((c) => ({
      id: c.id,
      parentId: c.parentId,
      authorName: c.authorName,
      authorUrl: c.authorUrl,
      bodyHtml: c.bodyHtml,
      status: c.status === 'approved' ? 'approved' : 'pending',
      createdAt: c.createdAt,
      avatarKey: deps.keyedHash.hash('avatar', c.authorEmail).slice(0, 32),
    }));
    return {
      thread: buildThread(publicComments, settings.threadDepth),
      approvedCount: visible.filter((c) => c.status === 'approved').length,
      threadDepth: settings.threadDepth,
    };
  };
}

export type ListDiscussion = ReturnType<typeof createListDiscussion>;
