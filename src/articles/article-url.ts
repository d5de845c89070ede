// Which article an address names: a full URL or a path, `/YYYY/MM/DD/slug/` (with or without
// the last slash, query or fragment). Only the path counts, so a page's URL on the site's
// public host, behind a proxy or on localhost all find the same article.

import { articlePath, type Article } from '../domain/article.ts';

const pathPattern = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/;

/** The slug and canonical path an address names, or null when it cannot be an article's. */
export function readArticleUrl(raw: string): { slug: string; path: string } | null {
  let pathname: string;
  try {
    pathname = new URL(raw.trim(), 'http://dateline.invalid').pathname;
  } catch {
    return null;
  }
  const m = pathPattern.exec(pathname);
  if (!m) return null;
  return { slug: m[4]!, path: `/${m[1]}/${m[2]}/${m[3]}/${m[4]}/` };
}

/** Whether `article` lives at `path` (its slug and its UTC date both match). */
export const isAtPath = (article: Pick<Article, 'slug' | 'publishedAt'>, path: string): boolean => articlePath(article) === path;
