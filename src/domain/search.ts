// Search vocabulary shared by the search feature, storage and views: what the words of a query
// are, which queries are refused, and a result as a page shows it. Pure, no I/O.

/** Longer than any sensible search; past it the reader is asked to shorten it. */
export const maxQueryChars = 200;
/** Each word narrows the result (AND), so more than this finds nothing anyway. */
const maxTerms = 12;
/** Longer "words" are pasted junk (hashes, URLs run together); cut so the index is not asked. */
const maxTermChars = 60;

/** A run of letters, digits or combining marks: the only thing a query is made of. */
const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The words of `text`, lower-cased and NFC-normalised, in order, without repeats. Everything
 * else (quotes, operators, brackets, `*`, control characters) is dropped, so a query can never
 * carry syntax into the database: storage quotes these words itself.
 */
export function searchTerms(text: string): string[] {
  const words = text.normalize('NFC').toLowerCase().match(wordPattern) ?? [];
  return [...new Set(words.map((w) => w.slice(0, maxTermChars)))].slice(0, maxTerms);
}

/** Why a search shows no results: no query yet, too long, not one word, a page out of range. */
export type SearchProblem = 'empty' | 'too_long' | 'no_words' | 'page_invalid';

export type ReadSearchQuery =
  | { readonly ok: true; readonly text: string; readonly terms: readonly string[] }
  | { readonly ok: false; readonly problem: Exclude<SearchProblem, 'page_invalid'>; readonly text: string };

/** A reader's query, checked: empty, too long, or without a single word is a problem to show. */
export function readSearchQuery(raw: string): ReadSearchQuery {
  const text = raw.replace(/\p{Cc}+/gu, ' ').trim();
  if (text === '') return { ok: false, problem: 'empty', text };
  if ([...text].length > maxQueryChars) return { ok: false, problem: 'too_long', text };
  const terms = searchTerms(text);
  return terms.length === 0 ? { ok: false, problem: 'no_words', text } : { ok: true, text, terms };
}

/** Text split into runs, the matched words marked; views escape every run and wrap marked ones. */
export type HighlightedText = readonly { readonly text: string; readonly mark: boolean }[];

/** One article found, as the results page shows it. */
export interface ArticleHit {
  readonly path: string;
  readonly title: HighlightedText;
  readonly section: string | null;
  readonly publishedAt: Date;
  readonly snippet: HighlightedText;
}
