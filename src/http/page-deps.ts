// What the public page handlers share, built once in app.ts.

import type { ArticleStore } from '../articles/article-store.ts';
import type { OpenEmbedThread } from '../articles/embed-threads.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import type { ListDiscussion } from '../comments/list-discussion.ts';
import type { ReactToComment } from '../comments/react-to-comment.ts';
import type { SubmitComment } from '../comments/submit-comment.ts';
import type { FormTokens } from '../comments/form-token.ts';
import type { Clock } from '../lib/clock.ts';
import type { LiveHub } from '../live/live-hub.ts';
import type { SearchArticles } from '../search/search-articles.ts';
import type { OldUrlLookup } from '../import/import-store.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { SiteView } from '../views/site.ts';
import type { CommenterCookies } from './commenter-cookies.ts';
import type { PageCache } from './page-cache.ts';
import type { ReaderActions } from './pages/own-comment-pages.ts';

export interface PageDeps {
  readonly site: SiteView;
  readonly articles: ArticleStore;
  /** Only what public pages may read of comments (the feeds' approved, email-free rows). */
  readonly comments: Pick<CommentStore, 'listForFeed'>;
  readonly settings: SettingsStore;
  readonly listDiscussion: ListDiscussion;
  /** A reader's reaction to a comment, counted or taken back. */
  readonly reactToComment: ReactToComment;
  readonly submitComment: SubmitComment;
  /** Signs the form token each rendered form carries, and the rate-limit puzzle. */
  readonly formTokens: FormTokens;
  readonly cookies: CommenterCookies;
  /** Editing and deleting one's own comment, and reporting a comment (the /comments/:id/* pages). */
  readonly readerActions: ReaderActions;
  readonly cache: PageCache;
  /** Live updates: article pages carry the event id they were rendered at, the stream route serves them. */
  readonly live: LiveHub;
  readonly clock: Clock;
  readonly searchArticles: SearchArticles;
  /** Imported articles' old addresses (`/?p=123`, WordPress permalinks), answered with a 301. */
  readonly oldUrls: OldUrlLookup;
  /** The site's address (DATELINE_PUBLIC_URL, no trailing slash) for absolute links; null = the request's own. */
  readonly publicUrl: string | null;
  /** True when another process wrote to the database since the last call. */
  readonly changedElsewhere: () => boolean;
  /** Comments on other sites' pages (/embed/*): who may embed, and their threads made on first use. */
  readonly embed?: EmbedDeps;
}

export interface EmbedDeps {
  /** DATELINE_EMBED_ORIGINS: the origins whose pages may frame the embed pages and have threads. */
  readonly origins: readonly string[];
  readonly openThread: OpenEmbedThread;
}
