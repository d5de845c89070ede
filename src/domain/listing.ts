// The public lists of articles besides the front page: a section, a tag, an author. Each has a
// slug made from its display name the way tag slugs are made (slugify), and an address.

import { slugify } from './article.ts';

export type ListingKind = 'section' | 'tag' | 'author';

/** Which public articles a list holds: all of them, or one section's, tag's or author's. */
export type ListingFilter = { readonly kind: 'all' } | { readonly kind: ListingKind; readonly slug: string };

/** `/section/world/`, `/tag/north-korea/`, `/author/jane-doe/`; null when the name has no letter or digit to make a slug of. */
export function listingPath(kind: ListingKind, name: string): string | null {
  const slug = slugify(name);
  return slug ? `/${kind}/${slug}/` : null;
}
