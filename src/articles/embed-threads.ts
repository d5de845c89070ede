// Embed threads (issue 8, item 6): another site's page carries Dateline's comments, and its
// thread is an article row marked with the page's address. Found by the page's normalised
// address; made on first use, for pages of the origins DATELINE_EMBED_ORIGINS allows only.

import { createHash } from 'node:crypto';
import type { Article, ArticleDraft } from '../domain/article.ts';
import { embedThreadTitle, mayEmbed, readEmbedPage } from '../domain/embed-url.ts';
import { AppError } from '../domain/errors.ts';
import { trustHtml } from '../domain/trusted-html.ts';
import type { Clock } from '../lib/clock.ts';

/** What an embed thread is written with. */
export interface EmbedThreadWrite extends ArticleDraft {
  readonly externalUrl: string;
  readonly externalKey: string;
}

/** What embed threads need of storage. Implemented by storage/sql-article-store.ts. */
export interface EmbedThreadStore {
  findByExternalKey(key: string): Promise<Article | undefined>;
  /** Conflict when the page (or the slug made from it) has a thread already. */
  insertEmbedThread(thread: EmbedThreadWrite): Promise<Article>;
}

export type OpenedThread = { readonly kind: 'thread'; readonly article: Article } | { readonly kind: 'not_allowed' } | { readonly kind: 'invalid' };

export function createOpenEmbedThread(deps: { store: EmbedThreadStore; clock: Clock; origins: readonly string[] }) {
  /** The thread of the page at `url`, made now if it has none and its origin may embed. */
  return async function openEmbedThread(url: string, title: string): Promise<OpenedThread> {
    const page = readEmbedPage(url);
    if (!page) return { kind: 'invalid' };
    if (!mayEmbed(page.origin, deps.origins)) return { kind: 'not_allowed' };
    const existing = await deps.store.findByExternalKey(page.key);
    if (existing) return { kind: 'thread', article: existing };
    try {
      const article = await deps.store.insertEmbedThread({
        // The slug follows from the page, so its Dateline address (which redirects there) is stable.
        slug: `embed-${createHash('sha256').update(page.key).digest('hex').slice(0, 20)}`,
        title: embedThreadTitle(title, page),
        section: null,
        summary: null,
        bodyMarkdown: '',
        bodyHtml: trustHtml(''),
        status: 'published',
        publishedAt: deps.clock.now(),
        commentsOpen: true,
        externalUrl: page.url,
        externalKey: page.key,
      });
      return { kind: 'thread', article };
    } catch (e) {
      // Two first visits at once: the unique key let one insert win; both answer with its thread.
      if (!(e instanceof AppError) || e.kind !== 'Conflict') throw e;
      const winner = await deps.store.findByExternalKey(page.key);
      if (!winner) throw e;
      return { kind: 'thread', article: winner };
    }
  };
}

export type OpenEmbedThread = ReturnType<typeof createOpenEmbedThread>;
