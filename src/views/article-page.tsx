/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// An article: headline, dateline, section, body, then the discussion and the form.

import { articlePath, type Article } from '../domain/article.ts';
import type { Discussion } from '../domain/discussion.ts';
import { listingPath } from '../domain/listing.ts';
import { CommentForm, type CommentFormProps } from './comment-form.tsx';
import { CommentThread } from './comment-thread.tsx';
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
}

export function ArticlePage({ site, article, discussion, commentsOpen, form, commentPages, origin, live }: ArticlePageProps) {
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
      <section id="comments" class="comments-area" aria-labelledby="comments-title" {...(live ? liveAttributes(site, live) : {})}>
        <h2 id="comments-title" class="comments-title">
          {m.commentsOn(discussion.approvedCount, article.title)}
        </h2>
        {commentPages && commentPages.count > 1 ? <CommentPages path={path} {...commentPages} /> : null}
        {discussion.thread.length > 0 ? (
          <CommentThread site={site} thread={discussion.thread} canReply={commentsOpen} />
        ) : commentsOpen ? (
          <p class="no-comments">{m.beFirst}</p>
        ) : null}
        {commentPages && commentPages.count > 1 ? <CommentPages path={path} {...commentPages} /> : null}
        {commentsOpen ? (
          <CommentForm site={site} articleId={article.id} action="/comments" cancelReplyHref={`${path}#respond`} {...form} />
        ) : (
          <ClosedNotice site={site} form={form} />
        )}
      </section>
    </Layout>
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

/** Links between pages of comments (WordPress's page_comments): older first, `?cpage=N#comments`. */
function CommentPages({ path, current, count }: { path: string; current: number; count: number }) {
  const href = (n: number) => `${n === 1 ? path : `${path}?cpage=${n}`}#comments`;
  return (
    <nav class="comment-pages" aria-label="Comment pages">
      {current > 1 ? <a class="prev" href={href(current - 1)}>« Older comments</a> : null}
      {Array.from({ length: count }, (_, i) => i + 1).map((n) =>
        n === current ? <span aria-current="page">{n}</span> : <a href={href(n)}>{n}</a>,
      )}
      {current < count ? <a class="next" href={href(current + 1)}>Newer comments »</a> : null}
    </nav>
  );
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
