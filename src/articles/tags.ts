// Tags as an editor types them ("Politics, north korea") become a short, deduplicated list;
// two spellings of one tag share a slug. Also the field rules every article save obeys.

import { slugify, slugPattern } from '../domain/article.ts';
import { AppError } from '../domain/errors.ts';

export interface Tag {
  readonly name: string;
  readonly slug: string;
}

export const maxTags = 20;
export const maxTagChars = 50;
export const maxTitleChars = 300;
export const maxSlugChars = 80;
export const maxSectionChars = 60;
export const maxSummaryChars = 1000;

/** Comma-separated names → tags, first spelling wins; errors for too many or too long. */
export function parseTags(raw: string | readonly string[]): { tags: Tag[]; errors: AppError[] } {
  const names = (typeof raw === 'string' ? raw.split(',') : raw).map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const errors: AppError[] = [];
  const tags: Tag[] = [];
  for (const name of names) {
    if ([...name].length > maxTagChars) {
      errors.push(invalid('tags', `A tag may be at most ${maxTagChars} characters long (“${name.slice(0, 20)}…”).`));
      continue;
    }
    const slug = slugify(name);
    if (!slug) {
      errors.push(invalid('tags', `The tag “${name}” needs at least one letter or digit.`));
      continue;
    }
    if (!tags.some((t) => t.slug === slug)) tags.push({ name, slug });
  }
  if (tags.length > maxTags) errors.push(invalid('tags', `An article may have at most ${maxTags} tags.`));
  return { tags, errors };
}

/** The rules of an article's own fields, all at once (empty when it may be saved). */
export function checkArticleFields(f: { title: string; slug: string; section: string | null; summary: string | null }): AppError[] {
  const errors: AppError[] = [];
  if (!f.title.trim()) errors.push(invalid('title', 'Please give the article a title.'));
  else if ([...f.title].length > maxTitleChars) errors.push(invalid('title', `The title may be at most ${maxTitleChars} characters long.`));
  if (!f.slug) errors.push(invalid('slug', 'Please give the article an address (slug): lower-case letters, digits and hyphens.'));
  else if (!slugPattern.test(f.slug) || f.slug.length > maxSlugChars) errors.push(invalid('slug', `The address (slug) may hold only lower-case letters, digits and single hyphens, ${maxSlugChars} at most, like “storm-hits-coast”.`));
  if (f.section && [...f.section].length > maxSectionChars) errors.push(invalid('section', `The section may be at most ${maxSectionChars} characters long.`));
  if (f.summary && [...f.summary].length > maxSummaryChars) errors.push(invalid('summary', `The summary may be at most ${maxSummaryChars} characters long.`));
  return errors;
}

// The error table has no article-field codes yet; `front_matter_invalid` is the InvalidInput
// code for "an article field is malformed", and the message says which and how.
const invalid = (field: string, message: string) => new AppError('front_matter_invalid', { field, message });
