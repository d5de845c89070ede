// Disqus → Dateline: each thread is matched to an article by its link (the article's own
// address, or an old address an earlier WordPress import recorded), or becomes a stub article
// with --create-stubs; posts keep their threading, deleted ones go to trash and spam to spam,
// and anonymous authors keep their name (or "Anonymous") with an empty email.

import { articlePath, slugify } from '../domain/article.ts';
import { isEmail, normalizeEmail } from '../domain/email.ts';
import { articleId, type ArticleId } from '../domain/ids.ts';
import { oldUrlKeyOf } from '../domain/old-url.ts';
import { maxNameBytes } from '../domain/comment.ts';
import { renderArticleMarkdown } from '../lib/markdown.ts';
import { sanitizeCommentHtml } from '../lib/sanitize-html.ts';
import { CommentBatch, importedIp } from './comment-batch.ts';
import type { DisqusPost, DisqusRecord, DisqusThread } from './disqus-reader.ts';
import { htmlToText, paragraphs } from './html-text.ts';
import { clipBytes, createArticle, findImported, type ImportContext } from './import-context.ts';

export interface DisqusOptions {
  /** Create an article for a thread whose link matches none. */
  readonly createStubs?: boolean;
}

const datePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const isoDate = (text: string): Date | null => (datePattern.test(text) ? new Date(text) : null);

export async function importDisqus(ctx: ImportContext, records: AsyncIterable<DisqusRecord>, options: DisqusOptions): Promise<void> {
  const comments = new CommentBatch(ctx.stores, 'disqus.post', ctx.report, ctx.highestCommentIdBefore);
  // Threads are few beside posts: their articles are remembered rather than looked up per post.
  const threads = new Map<string, ArticleId | undefined>();
  const articleOf = async (threadId: string) => {
    if (!threads.has(threadId)) {
      const found = threadId ? await findImported(ctx, 'disqus.thread', threadId) : undefined;
      threads.set(threadId, found === undefined ? undefined : articleId(found));
    }
    return threads.get(threadId);
  };
  for await (const record of records) {
    if (record.type === 'thread') await importThread(ctx, record.thread, options);
    else await addPost(ctx, comments, record.post, await articleOf(record.post.threadId));
  }
  await comments.finish();
}

async function importThread(ctx: ImportContext, t: DisqusThread, options: DisqusOptions): Promise<void> {
  const label = `thread ${t.id || '?'} ${t.link}`.trim();
  if (!t.id) return ctx.report.skip('a thread without dsq:id', label);
  if ((await findImported(ctx, 'disqus.thread', t.id)) !== undefined) {
    ctx.report.alreadyImported.articles++;
    return;
  }
  const key = t.link ? oldUrlKeyOf(t.link) : null;
  if (!key) return ctx.report.skip('a thread without a link', label);
  const matched = await articleAt(ctx, key);
  if (matched !== undefined) return ctx.stores.imports.remember([{ kind: 'disqus.thread', sourceId: t.id, targetId: matched }]);
  if (!options.createStubs) return ctx.report.skip('no article at the thread’s address (--create-stubs makes one)', label);
  const title = t.title || key;
  const body = `Comments from ${t.link}`;
  await createArticle(
    ctx,
    { kind: 'disqus.thread', id: t.id },
    { slugBase: slugify(t.title) || slugify(key) || `thread-${t.id}`, title, section: null, summary: null, bodyMarkdown: body, bodyHtml: renderArticleMarkdown(body), status: 'published', publishedAt: isoDate(t.createdAt) ?? ctx.now, commentsOpen: !t.isClosed, authorStaffId: null, tags: [], oldUrls: [key] },
    'Disqus import',
  );
}

/** The article at an address: its own `/YYYY/MM/DD/slug/`, or an old address recorded by an import. */
async function articleAt(ctx: ImportContext, key: string): Promise<ArticleId | undefined> {
  const own = /^\/\d{4}\/\d{2}\/\d{2}\/([^/?]+)\/?$/.exec(key);
  if (own) {
    const article = await ctx.stores.articles.findBySlug(own[1]!);
    if (article && articlePath(article) === `${key.replace(/\/?$/, '/')}`) return article.id;
  }
  return ctx.stores.imports.articleAtOldUrl(key);
}

async function addPost(ctx: ImportContext, batch: CommentBatch, p: DisqusPost, thread: ArticleId | undefined): Promise<void> {
  const label = `post ${p.id || '?'} in thread ${p.threadId || '?'}`;
  if (!p.id) return ctx.report.skip('a post without dsq:id', label);
  if (thread === undefined) return ctx.report.skip('a post whose thread was not imported', label);
  const createdAt = isoDate(p.createdAt);
  if (!createdAt) return ctx.report.skip('a post without a valid createdAt', label);
  const bodyHtml = sanitizeCommentHtml(paragraphs(p.message));
  const email = normalizeEmail(p.authorEmail);
  await batch.add({
    sourceId: p.id,
    parentSourceId: p.parentId || null,
    label,
    comment: {
      articleId: thread,
      authorName: clipBytes(p.authorName.trim(), maxNameBytes) || 'Anonymous',
      authorEmail: isEmail(email) ? email : '',
      authorUrl: null,
      bodyText: htmlToText(bodyHtml),
      bodyHtml,
      status: p.isSpam ? 'spam' : p.isDeleted ? 'trash' : p.isApproved ? 'approved' : 'pending',
      reasons: [],
      ...importedIp(p.ip, createdAt, ctx.retainIpsSince, ctx.hashIp),
      userAgent: '',
      createdAt,
    },
  });
}

