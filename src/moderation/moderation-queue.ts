// The moderation queue: comments by status (newest first, keyset paging), filtered by article,
// author or words, with counts per status and each author's history, for the admin area.

import type { ArticleId, CommentId } from '../domain/ids.ts';
import type { Article } from '../domain/article.ts';
import type { AuthorHistory, QueuePage, QueueTab } from '../domain/moderation.ts';
import type { ArticleStore } from '../articles/article-store.ts';
import type { CommentStore, QueueFilter } from '../comments/comment-store.ts';
import type { ReportStore } from '../comments/report-store.ts';

export { queueTabs, type QueueTab } from '../domain/moderation.ts';

export interface QueueQuery extends QueueFilter {
  readonly tab: QueueTab;
  readonly before?: CommentId;
  readonly limit: number;
}

/** Tabs count exactly up to here, then say "10,000+": a million-row tab costs no more to open. */
export const countCap = 10_000;

const emptyHistory: AuthorHistory = { approved: 0, pending: 0, spam: 0, trash: 0 };

export function createModerationQueue(deps: { comments: CommentStore; articles: ArticleStore; reports: Pick<ReportStore, 'summaries'> }) {
  return async function listQueue(query: QueueQuery): Promise<QueuePage> {
    const filter: QueueFilter = { articleId: query.articleId, author: query.author, search: query.search };
    // The Reported tab: comments of any status with unresolved reader reports.
    const status = query.tab === 'all' || query.tab === 'reported' ? undefined : query.tab;
    const [rows, byStatus, reportedByStatus] = await Promise.all([
      deps.comments.queue({ ...filter, status, reported: query.tab === 'reported' || undefined, before: query.before, limit: query.limit + 1 }),
      deps.comments.countByStatus({ ...filter, upTo: countCap }),
      deps.comments.countByStatus({ ...filter, reported: true, upTo: countCap }),
    ]);
    const page = rows.slice(0, query.limit);
    const articleIds = [...new Set(page.map((c) => c.articleId))];
    const [articles, histories, reports] = await Promise.all([
      Promise.all(articleIds.map((id) => deps.articles.findById(id))),
      deps.comments.historyOf([...new Set(page.map((c) => c.authorEmail))]),
      deps.reports.summaries(page.map((c) => c.id)),
    ]);
    const articleById = new Map<ArticleId, Article | undefined>(articleIds.map((id, i) => [id, articles[i]]));
    const counts = { pending: 0, approved: 0, spam: 0, trash: 0, all: 0, reported: 0, ...byStatus } as Record<QueueTab, number>;
    counts.all = counts.pending + counts.approved + counts.spam + counts.trash;
    counts.reported = Object.values(reportedByStatus).reduce((sum, n) => sum + n, 0);
    return {
      items: page.map((comment) => ({ comment, article: articleById.get(comment.articleId), history: histories.get(comment.authorEmail) ?? emptyHistory, reports: reports.get(comment.id) })),
      counts,
      nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    };
  };
}

export type ModerationQueue = ReturnType<typeof createModerationQueue>;
