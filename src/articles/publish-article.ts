// Publish an article from its file: render and sanitise the Markdown, insert or update by
// slug, then tell listeners (the page cache drops the old page).

import type { Article } from '../domain/article.ts';
import type { EventSink } from '../domain/events.ts';
import type { Clock } from '../lib/clock.ts';
import { renderArticleMarkdown } from '../lib/markdown.ts';
import type { ArticleStore } from './article-store.ts';
import type { ArticleFile } from './parse-article-file.ts';

export interface PublishArticleDeps {
  readonly articles: ArticleStore;
  readonly events: EventSink;
  readonly clock: Clock;
}

export function createPublishArticle(deps: PublishArticleDeps) {
  return async function publishArticle(file: ArticleFile): Promise<{ article: Article; created: boolean }> {
    const existing = await deps.articles.findBySlug(file.slug);
    // Without a date, a new article is published now and an update keeps its date (and URL).
    const publishedAt = file.publishedAt ?? existing?.publishedAt ?? deps.clock.now();
    const result = await deps.articles.saveBySlug({
      slug: file.slug,
      title: file.title,
      section: file.section,
      summary: file.summary,
      bodyMarkdown: file.bodyMarkdown,
      bodyHtml: renderArticleMarkdown(file.bodyMarkdown),
      status: file.status,
      publishedAt,
      commentsOpen: file.commentsOpen,
    });
    deps.events.emit({ type: 'article.saved', articleId: result.article.id });
    return result;
  };
}

export type PublishArticle = ReturnType<typeof createPublishArticle>;
