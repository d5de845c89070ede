// What the JSON API's handlers share, built once in main.ts.

import type { ApiTokens } from '../../accounts/api-tokens.ts';
import type { ArticleStore } from '../../articles/article-store.ts';
import type { PublishArticle } from '../../articles/publish-article.ts';
import type { CommentCounts } from '../../comments/comment-counts.ts';
import type { FindPublicComment } from '../../comments/find-public-comment.ts';
import type { FormTokens } from '../../comments/form-token.ts';
import type { ListCommentThread } from '../../comments/list-comment-thread.ts';
import type { SubmitComment } from '../../comments/submit-comment.ts';
import type { Clock } from '../../lib/clock.ts';
import type { ModerateComment } from '../../moderation/moderate-comment.ts';
import type { ModerationQueue } from '../../moderation/moderation-queue.ts';
import type { SettingsStore } from '../../moderation/settings-store.ts';
import type { SiteView } from '../../views/site.ts';

export interface ApiDeps {
  /** The site's name and its message catalogue (error messages). */
  readonly site: SiteView;
  readonly articles: ArticleStore;
  readonly settings: SettingsStore;
  readonly listCommentThread: ListCommentThread;
  readonly findPublicComment: FindPublicComment;
  readonly commentCounts: CommentCounts;
  readonly submitComment: SubmitComment;
  /** The rate-limit puzzle a 429 offers (the same as the form's). */
  readonly formTokens: FormTokens;
  readonly apiTokens: ApiTokens;
  readonly moderationQueue: ModerationQueue;
  readonly moderateComment: ModerateComment;
  readonly publishArticle: PublishArticle;
  readonly clock: Clock;
  /** DATELINE_PUBLIC_URL for absolute links; null = the request's own host. */
  readonly publicUrl: string | null;
  /** DATELINE_API_ORIGINS: the only origins whose pages may call the API from a browser. */
  readonly allowedOrigins: readonly string[];
  /** Whether an error means the database is busy or unreachable (503 with Retry-After, not 500). */
  readonly databaseUnavailable: (error: unknown) => boolean;
}
