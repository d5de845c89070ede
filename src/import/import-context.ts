// What every importer shares while it runs in its transaction: the stores, the report, the
// time, the IP retention cut-off, and the helpers that create staff and articles the same way
// for WordPress, Disqus and Dateline's own files.

import type { ArticleWrite } from '../articles/article-store.ts';
import { maxSectionChars, maxSummaryChars, maxTags, maxTitleChars, parseTags } from '../articles/tags.ts';
import { slugify } from '../domain/article.ts';
import { isEmail, normalizeEmail } from '../domain/email.ts';
import { staffId, type ArticleId, type StaffId } from '../domain/ids.ts';
import type { Role } from '../domain/staff.ts';
import type { ImportStores } from './comment-batch.ts';
import type { ReportBuilder } from './import-report.ts';
import type { SourceKind } from './import-store.ts';

export interface ImportContext {
  readonly stores: ImportStores;
  readonly report: ReportBuilder;
  readonly now: Date;
  /** Comments older than this are stored with their IP reduced to its network. */
  readonly retainIpsSince: Date;
  readonly hashIp: (ip: string) => string;
  /** Comment ids above this were written by this import. */
  readonly highestCommentIdBefore: number;
}

/** An article as an importer found it, before its slug is made unique. */
export interface IncomingArticle extends Omit<ArticleWrite, 'slug'> {
  readonly slugBase: string;
  readonly tags: readonly string[];
  /** Old addresses (oldUrlKey) that should lead to it. */
  readonly oldUrls: readonly string[];
}

/** Cut to `max` UTF-8 bytes (whole characters), as WordPress's columns are. */
export function clipBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const chars = [...text];
  while (Buffer.byteLength(chars.join('')) > max) chars.pop();
  return chars.join('');
}

const clip = (text: string, max: number): string => ([...text].length > max ? [...text].slice(0, max).join('').trim() : text);

/** Finds the row an imported source item became, if an earlier run imported it. */
export async function findImported(ctx: ImportContext, kind: SourceKind, sourceId: string): Promise<number | undefined> {
  return (await ctx.stores.imports.findTargets(kind, [sourceId])).get(sourceId);
}

/**
 * Writes an imported article through the article store (with its tags, a first revision and its
 * old addresses) and remembers its source id.
 */
export async function createArticle(ctx: ImportContext, source: { kind: SourceKind; id: string }, a: IncomingArticle, savedBy: string): Promise<ArticleId> {
  const { articles, imports } = ctx.stores;
  const slug = await imports.freeSlug(slugify(a.slugBase) || 'article');
  const { tags } = parseTags(a.tags);
  const kept = tags.slice(0, maxTags);
  const write: ArticleWrite = {
    ...a,
    slug,
    title: clip(a.title.trim(), maxTitleChars) || slug,
    section: a.section ? clip(a.section.trim(), maxSectionChars) || null : null,
    summary: a.summary ? clip(a.summary, maxSummaryChars) : null,
  };
  const article = await articles.insert(write);
  await articles.setTags(article.id, kept);
  await articles.addRevision({ ...write, articleId: article.id, tags: kept.map((t) => t.name), savedBy, savedByStaffId: null, savedAt: ctx.now });
  await imports.remember([{ kind: source.kind, sourceId: source.id, targetId: article.id }]);
  for (const path of a.oldUrls) if (await imports.addOldUrl({ path, articleId: article.id })) ctx.report.created.redirects++;
  ctx.report.articleCreated(write.section, kept.map((t) => t.slug));
  return article.id;
}

/**
 * The staff member an imported author becomes: an existing account with the same email, else a
 * new one without a password (they set one with "Forgot your password?"). An author without a
 * usable email gets an address under .invalid, which an admin can correct.
 */
export async function staffFor(ctx: ImportContext, source: { kind: SourceKind; id: string }, author: { name: string; email: string; login: string }, role: Role): Promise<StaffId> {
  const known = await findImported(ctx, source.kind, source.id);
  if (known !== undefined) {
    ctx.report.alreadyImported.staff++;
    return staffId(known);
  }
  const given = normalizeEmail(author.email.trim());
  const email = isEmail(given) ? given : `${slugify(author.login) || 'author'}@imported-author.invalid`;
  const existing = await ctx.stores.staff.findByEmail(email);
  const id = existing?.id ?? (await ctx.stores.staff.insert({ email, name: author.name.trim() || author.login || email, role, passwordHash: '', createdAt: ctx.now })).id;
  if (!existing) ctx.report.created.staff++;
  await ctx.stores.imports.remember([{ kind: source.kind, sourceId: source.id, targetId: id }]);
  return id;
}
