// Reads an article file: YAML front matter between `---` lines, then Markdown.
// Front matter: title (required), slug, section, summary, published (ISO date-time),
// comments (open|closed), status (published|draft).

import { parse as parseYaml } from 'yaml';
import { slugify, slugPattern, type ArticleStatus } from '../domain/article.ts';
import { AppError } from '../domain/errors.ts';

export interface ArticleFile {
  readonly title: string;
  readonly slug: string;
  readonly section: string | null;
  readonly summary: string | null;
  readonly publishedAt: Date | null;
  readonly commentsOpen: boolean;
  readonly status: ArticleStatus;
  readonly bodyMarkdown: string;
}

const frontMatter = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export function parseArticleFile(text: string): ArticleFile {
  const match = frontMatter.exec(text);
  if (!match) throw invalid('the file must start with front matter between two `---` lines');
  let meta: unknown;
  try {
    meta = parseYaml(match[1] ?? '');
  } catch (e) {
    throw invalid(`front matter is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (typeof meta !== 'object' || meta === null) throw invalid('front matter must be a list of `key: value` lines');
  const m = meta as Record<string, unknown>;

  const title = text1(m.title);
  if (!title) throw invalid('`title` is required');
  const slug = text1(m.slug) ?? slugify(title);
  if (!slugPattern.test(slug)) throw invalid('`slug` may hold only lower-case letters, digits and single hyphens');

  let publishedAt: Date | null = null;
  if (m.published !== undefined && m.published !== null) {
    publishedAt = m.published instanceof Date ? m.published : new Date(String(m.published));
    if (Number.isNaN(publishedAt.getTime())) throw invalid('`published` must be a date such as 2026-11-25T09:00:00Z');
  }

  const comments = text1(m.comments) ?? 'open';
  if (comments !== 'open' && comments !== 'closed') throw invalid('`comments` must be `open` or `closed`');
  const status = text1(m.status) ?? 'published';
  if (status !== 'published' && status !== 'draft') throw invalid('`status` must be `published` or `draft`');

  return {
    title,
    slug,
    section: text1(m.section),
    summary: text1(m.summary),
    publishedAt,
    commentsOpen: comments === 'open',
    status,
    bodyMarkdown: (match[2] ?? '').trim(),
  };
}

function text1(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

const invalid = (message: string) => new AppError('front_matter_invalid', { message });
