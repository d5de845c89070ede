// Dateline's JSON Lines export → Dateline: staff (without passwords), articles (the Markdown is
// rendered again, so nothing in the file is trusted as HTML), comments with their threads,
// kinds and statuses (their HTML sanitised again). Source ids are scoped by the exporting site.

import { sanitizeCommentHtml } from '../lib/sanitize-html.ts';
import { renderArticleMarkdown } from '../lib/markdown.ts';
import { articleId, type ArticleId, type StaffId } from '../domain/ids.ts';
import { isRole } from '../domain/staff.ts';
import { CommentBatch, importedIp } from './comment-batch.ts';
import { createArticle, findImported, staffFor, type ImportContext } from './import-context.ts';
import type { JsonArticle, JsonComment, JsonRecord } from './json-format.ts';

const date = (text: unknown): Date | null => {
  const d = typeof text === 'string' ? new Date(text) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

export async function importJson(ctx: ImportContext, records: AsyncIterable<JsonRecord>): Promise<void> {
  const comments = new CommentBatch(ctx.stores, 'json.comment', ctx.report, ctx.highestCommentIdBefore);
  const staff = new Map<number, StaffId>();
  const articles = new Map<number, ArticleId | undefined>();
  let site = '';
  for await (const r of records) {
    if (r.type === 'dateline-export') site = String(r.site ?? '');
    else if (r.type === 'staff') staff.set(r.id, await staffFor(ctx, { kind: 'json.staff', id: `${site}|${r.id}` }, { login: r.name, email: r.email, name: r.name }, isRole(r.role) ? r.role : 'editor'));
    else if (r.type === 'article') articles.set(r.id, await importArticle(ctx, r, `${site}|${r.id}`, staff));
    else await addComment(ctx, comments, r, site, articles.get(r.articleId) ?? (await articleOf(ctx, `${site}|${r.articleId}`)));
  }
  await comments.finish();
}

async function articleOf(ctx: ImportContext, sourceId: string): Promise<ArticleId | undefined> {
  const found = await findImported(ctx, 'json.article', sourceId);
  return found === undefined ? undefined : articleId(found);
}

async function importArticle(ctx: ImportContext, a: JsonArticle, sourceId: string, staff: Map<number, StaffId>): Promise<ArticleId | undefined> {
  const publishedAt = date(a.publishedAt);
  if (!publishedAt) {
    ctx.report.skip('an article without a valid publishedAt', `article ${a.id}`);
    return undefined;
  }
  const known = await findImported(ctx, 'json.article', sourceId);
  if (known !== undefined) {
    ctx.report.alreadyImported.articles++;
    return articleId(known);
  }
  const bodyMarkdown = String(a.bodyMarkdown ?? '');
  return createArticle(
    ctx,
    { kind: 'json.article', id: sourceId },
    {
      slugBase: String(a.slug ?? a.title ?? ''),
      title: String(a.title ?? ''),
      section: a.section ?? null,
      summary: a.summary ?? null,
      bodyMarkdown,
      bodyHtml: renderArticleMarkdown(bodyMarkdown),
      status: a.status === 'draft' ? 'draft' : 'published',
      publishedAt,
      commentsOpen: a.commentsOpen !== false,
      authorStaffId: a.authorStaffId === null ? null : (staff.get(a.authorStaffId) ?? null),
      tags: Array.isArray(a.tags) ? a.tags.map(String) : [],
      oldUrls: [],
    },
    'JSON import',
  );
}

async function addComment(ctx: ImportContext, batch: CommentBatch, c: JsonComment, site: string, article: ArticleId | undefined): Promise<void> {
  const label = `comment ${c.id} on article ${c.articleId}`;
  if (article === undefined) return ctx.report.skip('a comment whose article is not in the file', label);
  const createdAt = date(c.createdAt);
  if (!createdAt) return ctx.report.skip('a comment without a valid createdAt', label);
  await batch.add({
    sourceId: `${site}|${c.id}`,
    parentSourceId: c.parentId ? `${site}|${c.parentId}` : null,
    label,
    comment: {
      articleId: article,
      authorName: String(c.authorName ?? '') || 'Anonymous',
      authorEmail: String(c.authorEmail ?? ''),
      authorUrl: c.authorUrl ?? null,
      bodyText: String(c.bodyText ?? ''),
      bodyHtml: sanitizeCommentHtml(String(c.bodyHtml ?? '')),
      status: (['approved', 'pending', 'spam', 'trash'] as const).find((s) => s === c.status) ?? 'pending',
      reasons: [],
      ...importedIp(String(c.ip ?? ''), createdAt, ctx.retainIpsSince, ctx.hashIp),
      userAgent: String(c.userAgent ?? ''),
      createdAt,
      kind: c.kind === 'pingback' || c.kind === 'trackback' ? c.kind : 'comment',
    },
  });
}
