// WordPress → Dateline: authors become staff (editors, without passwords), posts and pages
// become articles (drafts stay drafts; the first category is the section, further categories
// and the tags are tags), every comment keeps its thread, status, date, author, email, website
// and IP, and each article answers at its old addresses. Bodies are HTML: stored sanitised as
// the article's Markdown source (Markdown allows HTML), so the editor and search see it.

import { renderArticleMarkdown } from '../lib/markdown.ts';
import { sanitizeArticleHtml, sanitizeCommentHtml } from '../lib/sanitize-html.ts';
import { maxNameBytes, normalizeWebsite } from '../domain/comment.ts';
import { isEmail, normalizeEmail } from '../domain/email.ts';
import { articleId, type ArticleId, type StaffId } from '../domain/ids.ts';
import { CommentBatch, importedIp } from './comment-batch.ts';
import { clipBytes, createArticle, findImported, staffFor, type ImportContext } from './import-context.ts';
import { htmlToText, paragraphs } from './html-text.ts';
import { articleStatus, commentKind, commentStatus, firstDate, oldAddresses, postIdOf, rssDate, wpDate } from './wxr-mapping.ts';
import type { WxrComment, WxrItem, WxrRecord } from './wxr-reader.ts';

export interface WxrOptions {
  /** Leave pingbacks and trackbacks out. */
  readonly skipPings?: boolean;
}

/** Meta keys written by Dateline's WXR export: the article's Markdown and the comment's text, for an exact round trip. */
export const markdownMeta = '_dateline_markdown';
export const commentTextMeta = '_dateline_text';

const articleTypes = new Set(['post', 'page']);

export async function importWxr(ctx: ImportContext, records: AsyncIterable<WxrRecord>, options: WxrOptions): Promise<void> {
  const comments = new CommentBatch(ctx.stores, 'wxr.comment', ctx.report, ctx.highestCommentIdBefore);
  const authors = new Map<string, StaffId>();
  let site = '';
  let current: { articleId: ArticleId | null; postKey: string; publishedAt: Date; label: string } | null = null;

  const author = async (login: string, email = '', name = '') => {
    if (!authors.has(login)) authors.set(login, await staffFor(ctx, { kind: 'wxr.author', id: `${site}|${login}` }, { login, email, name }, 'editor'));
    return authors.get(login)!;
  };

  for await (const record of records) {
    if (record.type === 'site') site = record.baseUrl.replace(/\/+$/, '');
    else if (record.type === 'author') {
      if (record.author.login) await author(record.author.login, record.author.email, record.author.displayName);
    } else if (record.type === 'item') current = await importItem(ctx, record.item, site, author);
    else if (!current || current.articleId === null) ctx.report.skip('a comment on an item that was not imported', `comment ${record.comment.fields['wp:comment_id'] ?? '?'}`);
    else await addComment(ctx, comments, record.comment, { ...current, articleId: current.articleId }, options, site);
  }
  await comments.finish();
}

async function importItem(ctx: ImportContext, item: WxrItem, site: string, author: (login: string) => Promise<StaffId>) {
  const f = item.fields;
  const postId = postIdOf(f);
  const label = `${f['wp:post_type'] || 'post'} ${postId ?? '?'} “${(f.title ?? '').slice(0, 40)}”`;
  const publishedAt = firstDate(wpDate(f['wp:post_date_gmt']), wpDate(f['wp:post_date']), rssDate(f.pubDate)) ?? ctx.now;
  const skipped = (reason: string) => {
    ctx.report.skip(reason, label);
    return { articleId: null, postKey: '', publishedAt, label };
  };
  const type = f['wp:post_type'] || 'post';
  if (!articleTypes.has(type)) return skipped(`WordPress ${type} items are not articles`);
  if (postId === null) return skipped('an item without wp:post_id');
  const status = articleStatus(f['wp:status'] ?? '');
  if (status === null) return skipped(`items with status ${f['wp:status']} are not imported`);
  const sourceId = `${site}|${postId}`;
  const known = await findImported(ctx, 'wxr.post', sourceId);
  if (known !== undefined) {
    ctx.report.alreadyImported.articles++;
    return { articleId: articleId(known), postKey: postId, publishedAt, label };
  }
  const categories = item.categories.filter((c) => c.domain === 'category').map((c) => c.name);
  const tags = item.categories.filter((c) => c.domain === 'post_tag' || c.domain === 'tag').map((c) => c.name);
  const bodyMarkdown = item.meta[markdownMeta] ?? sanitizeArticleHtml(f['content:encoded'] ?? '');
  const creator = f['dc:creator'] ?? '';
  const id = await createArticle(
    ctx,
    { kind: 'wxr.post', id: sourceId },
    {
      slugBase: decodeSlug(f['wp:post_name'] ?? '') || f.title || `post-${postId}`,
      title: f.title ?? '',
      section: categories[0] ?? null,
      summary: htmlToText(sanitizeArticleHtml(f['excerpt:encoded'] ?? '')) || null,
      bodyMarkdown,
      bodyHtml: renderArticleMarkdown(bodyMarkdown),
      status,
      publishedAt,
      commentsOpen: (f['wp:comment_status'] ?? 'open') === 'open',
      authorStaffId: creator ? await author(creator) : null,
      tags: [...categories.slice(1), ...tags],
      oldUrls: oldAddresses(f, postId, site),
    },
    'WordPress import',
  );
  return { articleId: id, postKey: postId, publishedAt, label };
}

/** WordPress keeps non-ASCII slugs percent-encoded. */
function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

async function addComment(ctx: ImportContext, batch: CommentBatch, c: WxrComment, on: { articleId: ArticleId; postKey: string; publishedAt: Date; label: string }, options: WxrOptions, site: string) {
  const f = c.fields;
  const id = f['wp:comment_id'] ?? '';
  const label = `comment ${id || '?'} on ${on.label}`;
  const kind = commentKind(f['wp:comment_type'] ?? '');
  if (kind === null) return ctx.report.skip(`comments of type ${f['wp:comment_type']} are not readers' comments`, label);
  if (kind !== 'comment' && options.skipPings) return ctx.report.skip(`${kind}s (--skip-pings)`, label);
  if (!/^\d+$/.test(id)) return ctx.report.skip('a comment without wp:comment_id', label);
  const createdAt = firstDate(wpDate(f['wp:comment_date_gmt']), wpDate(f['wp:comment_date'])) ?? on.publishedAt;
  const bodyHtml = sanitizeCommentHtml(paragraphs(f['wp:comment_content'] ?? ''));
  const email = normalizeEmail(f['wp:comment_author_email'] ?? '');
  const website = normalizeWebsite(f['wp:comment_author_url'] ?? '');
  const parent = f['wp:comment_parent'] ?? '0';
  const key = (commentIdText: string) => `${site}|${on.postKey}|${commentIdText}`;
  await batch.add({
    sourceId: key(id),
    parentSourceId: /^[1-9]\d*$/.test(parent) ? key(parent) : null,
    label,
    comment: {
      articleId: on.articleId,
      authorName: clipBytes((f['wp:comment_author'] ?? '').trim(), maxNameBytes) || 'Anonymous',
      authorEmail: isEmail(email) ? email : '',
      authorUrl: website === 'invalid' ? null : website,
      bodyText: c.meta[commentTextMeta] ?? htmlToText(bodyHtml),
      bodyHtml,
      status: commentStatus(f['wp:comment_approved'] ?? '1'),
      reasons: [],
      ...importedIp(f['wp:comment_author_IP'] ?? '', createdAt, ctx.retainIpsSince, ctx.hashIp),
      userAgent: f['wp:comment_agent'] ?? '',
      createdAt,
      kind,
    },
  });
}
