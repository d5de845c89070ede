/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// An article: headline, dateline, section, body, then the discussion and the form. The
// discussion is its own component: embed pages (embed-page.tsx) show it without the article.

import { articlePath, type Article } from '../domain/article.ts';
import type { Discussion } from '../domain/discussion.ts';
import { listingPath } from '../domain/listing.ts';
import { CommentForm, type CommentFormProps } from './comment-form.tsx';
import { CommentThread } from './comment-thread.tsx';
import { CommentPages, CommentSortNav, FeaturedStrip, threadViewFor } from './discussion-controls.tsx';
import type { PublicComment } from '../domain/comment.ts';
import { defaultDiscussionView, type DiscussionView, type FeaturedPlace } from '../domain/discussion-view.ts';
import { ArticleDateline, Section } from './article-list.tsx';
import { articleMeta } from './article-meta.ts';
import { Layout } from './layout.tsx';
import { RawHtml } from './raw-html.tsx';
import type { SiteView } from './site.ts';

export interface ArticlePageProps {
  readonly site: SiteView;
  readonly article: Article;
  readonly discussion: Discussion;
  readonly commentsOpen: boolean;
  /** The form as this reader should see it; omitted when comments are closed. */
  readonly form: Omit<CommentFormProps, 'site' | 'articleId' | 'action' | 'cancelReplyHref'>;
  /** Which page of comments this is, when comments are paged (links shown when there is more than one). */
  readonly commentPages?: { readonly current: number; readonly count: number };
  /** The site's address without a trailing slash, for the page's absolute URLs (canonical, previews, JSON-LD). */
  readonly origin: string;
  /** Live updates: the stream's URL, the last event the page shows, and the thread depth to nest new replies to. */
  readonly live?: { readonly url: string; readonly after: number; readonly threadDepth: number };
  /** The reader's own comments still in their edit window (a personal page only). */
  readonly editable?: ReadonlySet<number>;
  /** Sorting, paging, folding, reactions and editors' picks (discussion-controls.tsx); absent = the plain thread. */
  readonly conversation?: {
    readonly view: DiscussionView;
    readonly featured: readonly FeaturedPlace<PublicComment>[];
    readonly reactionLabel: string;
  };
}

export function ArticlePage({ site, article, discussion, commentsOpen, form, commentPages, origin, live, editable, conversation }: ArticlePageProps) {
  const m = site.messages;
  const path = articlePath(article);
  const meta = articleMeta({ site, article, origin, commentCount: discussion.approvedCount });
  return (
    <Layout site={site} title={`${article.title} — ${site.name}`} description={meta.description || undefined} meta={meta} commentFeed={{ title: m.feedCommentsOn(article.title), href: `${path}feed/` }}>
      <article class="article" aria-labelledby="article-title">
        <header class="article-header">
          {article.section ? <Section name={article.section} /> : null}
          <h1 id="article-title">{article.title}</h1>
          <ArticleDateline site={site} class="dateline" byline={article.byline} publishedAt={article.publishedAt} commentsHref="#comments" comments={discussion.approvedCount} />
        </header>
        <RawHtml class="article-body" html={article.bodyHtml} />
        {article.tags && article.tags.length > 0 ? (
          <ul class="article-tags" aria-label={m.tagsLabel}>
            {article.tags.map((tag) => (
              <li>{listingPath('tag', tag) ? <a href={listingPath('tag', tag)!}>{tag}</a> : tag}</li>
            ))}
          </ul>
        ) : null}
      </article>
      <DiscussionSection site={site} article={article} discussion={discussion} commentsOpen={commentsOpen} form={form} commentPages={commentPages} live={live} editable={editable} conversation={conversation} path={path} />
    </Layout>
  );
}

/** What the discussion is shown with: the article page's props, and where its links lead. */
export type DiscussionSectionProps = Pick<ArticlePageProps, 'site' | 'article' | 'discussion' | 'commentsOpen' | 'form' | 'commentPages' | 'live' | 'editable' | 'conversation'> & {
  /** The page the discussion is on (the article's address, or its embed page's): sort and page links and Cancel lead there. */
  readonly path: string;
  /** On another site's page (views/embed-page.tsx): the form says so, so a post comes back to the embed. */
  readonly embed?: boolean;
};

/** The discussion: heading, editors' picks, sort and page links, the thread, and the form (or why it is closed). */
export function DiscussionSection({ site, article, discussion, commentsOpen, form, commentPages, live, editable, conversation, path, embed }: DiscussionSectionProps) {
  const m = site.messages;
  const view = conversation?.view ?? { ...defaultDiscussionView, page: commentPages?.current ?? 1 };
  return (
    <section id="comments" class="comments-area" aria-labelledby="comments-title" {...(live ? liveAttributes(site, live) : {})}>
      <h2 id="comments-title" class="comments-title">
        {m.commentsOn(discussion.approvedCount, article.title)}
      </h2>
      {conversation ? <FeaturedStrip site={site} featured={conversation.featured} view={view} /> : null}
      {conversation && discussion.thread.length + (commentPages && commentPages.count > 1 ? 1 : 0) > 1 ? <CommentSortNav site={site} path={path} view={view} /> : null}
      {commentPages && commentPages.count > 1 ? <CommentPages site={site} path={path} view={view} count={commentPages.count} /> : null}
      {discussion.thread.length > 0 ? (
        <CommentThread site={site} thread={discussion.thread} canReply={commentsOpen} editable={editable} view={conversation ? threadViewFor(discussion.thread, view, conversation.reactionLabel) : undefined} />
      ) : commentsOpen ? (
        <p class="no-comments">{m.beFirst}</p>
      ) : null}
      {commentPages && commentPages.count > 1 ? <CommentPages site={site} path={path} view={view} count={commentPages.count} /> : null}
      {commentsOpen ? (
        <CommentForm site={site} articleId={article.id} action="/comments" cancelReplyHref={`${path}#respond`} {...form} embed={embed} />
      ) : (
        <ClosedNotice site={site} form={form} />
      )}
    </section>
  );
}

/** What the script needs to follow the discussion live (dateline.js); nothing shows without it. */
function liveAttributes(site: SiteView, live: NonNullable<ArticlePageProps['live']>) {
  const m = site.messages;
  return {
    'data-live-url': live.url,
    'data-live-after': String(live.after),
    'data-thread-depth': String(live.threadDepth),
    'data-live-one': m.liveNewComment,
    'data-live-many': m.liveNewComments,
    'data-live-show': m.liveShow,
    'data-live-stale': m.liveStale,
    'data-live-reload': m.liveReload,
  };
}

/** Comments closed: say so, and if a reader's comment was just refused, give their text back. */
function ClosedNotice({ site, form }: { site: SiteView; form: ArticlePageProps['form'] }) {
  const m = site.messages;
  if (form.errors.length === 0) return <p class="comments-closed">{m.commentsClosed}</p>;
  return (
    <div class="comments-closed">
      <div class="error-summary" role="alert">
        {form.errors.map((e) => (
          <p>{e.message}</p>
        ))}
      </div>
      {form.values.comment ? (
        <div class="kept-comment">
          <label for="kept-comment">{m.yourTextKept}</label>
          <textarea id="kept-comment" readOnly rows={8}>
            {form.values.comment}
          </textarea>
        </div>
      ) : null}
    </div>
  );
}
