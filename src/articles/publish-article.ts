// Publish (save) an article — from its file on the command line, or from the admin editor:
// check its fields, render and sanitise the Markdown, insert it or update it (by id, or by
// slug for files), set its byline and tags, keep this version as a revision with who saved
// it and when, all in one transaction; then tell listeners (the page cache drops the page).

import type { Article } from '../domain/article.ts';
import { AppError, InvalidFields } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import type { ArticleId, StaffId } from '../domain/ids.ts';
import type { Clock } from '../lib/clock.ts';
import { renderArticleMarkdown } from '../lib/markdown.ts';
import type { Transact } from '../lib/transact.ts';
import type { ArticleStore, DeskArticle } from './article-store.ts';
import type { ArticleFile } from './parse-article-file.ts';
import { checkArticleFields, parseTags } from './tags.ts';

export interface PublishArticleDeps {
  readonly transact: Transact<{ readonly articles: ArticleStore }>;
  readonly events: EventSink;
  readonly clock: Clock;
}

/** An article file, plus what the editor adds. Without `id` or `create`, the slug finds it. */
export interface PublishArticleInput extends ArticleFile {
  /** Save over this article (its slug may change). */
  readonly id?: ArticleId;
  /** Insert only: a slug already in use is a Conflict (`slug_taken`), never an overwrite. */
  readonly create?: boolean;
  /** The byline; undefined keeps the article's, null removes it. */
  readonly authorStaffId?: StaffId | null;
  /** Tag names (or one comma-separated string); undefined keeps the article's. */
  readonly tags?: string | readonly string[];
  /** Who saves, for the revision; absent means the command line. */
  readonly savedBy?: { readonly staffId: StaffId; readonly name: string } | null;
}

export const commandLineSaver = 'command line';

export function createPublishArticle(deps: PublishArticleDeps) {
  return async function publishArticle(input: PublishArticleInput): Promise<{ article: Article; created: boolean }> {
    const parsedTags = input.tags === undefined ? undefined : parseTags(input.tags);
    const errors = [...checkArticleFields(input), ...(parsedTags?.errors ?? [])];
    if (errors.length > 0) throw new InvalidFields(errors);
    const bodyHtml = renderArticleMarkdown(input.bodyMarkdown);

    const result = await deps.transact(async ({ articles }) => {
      const now = deps.clock.now();
      let existing: DeskArticle | undefined;
      if (input.id !== undefined) {
        existing = await articles.findForDesk(input.id);
        if (!existing) throw new AppError('article_not_found');
      } else {
        const bySlug = await articles.findBySlug(input.slug);
        if (bySlug && input.create) throw new AppError('slug_taken', { field: 'slug' });
        existing = bySlug && (await articles.findForDesk(bySlug.id));
      }
      if (existing && existing.article.slug !== input.slug) {
        const holder = await articles.findBySlug(input.slug);
        if (holder && holder.id !== existing.article.id) throw new AppError('slug_taken', { field: 'slug' });
      }
      const write = {
        slug: input.slug,
        title: input.title.trim(),
        section: input.section,
        summary: input.summary,
        bodyMarkdown: input.bodyMarkdown,
        bodyHtml,
        status: input.status,
        // Without a date, a new article is published now and an update keeps its date (and URL).
        publishedAt: input.publishedAt ?? existing?.article.publishedAt ?? now,
        commentsOpen: input.commentsOpen,
        authorStaffId: input.authorStaffId === undefined ? (existing?.authorStaffId ?? null) : input.authorStaffId,
      };
      const saved = existing ? await articles.update(existing.article.id, write) : await articles.insert(write);
      if (parsedTags) await articles.setTags(saved.id, parsedTags.tags);
      const { bodyHtml: _html, ...kept } = write;
      await articles.addRevision({
        ...kept,
        articleId: saved.id,
        tags: parsedTags ? parsedTags.tags.map((t) => t.name) : (existing?.tags ?? []),
        savedBy: input.savedBy?.name ?? commandLineSaver,
        savedByStaffId: input.savedBy?.staffId ?? null,
        savedAt: now,
      });
      return { article: (await articles.findById(saved.id)) ?? saved, created: !existing };
    });
    deps.events.emit({ type: 'article.saved', articleId: result.article.id });
    return result;
  };
}

export type PublishArticle = ReturnType<typeof createPublishArticle>;
