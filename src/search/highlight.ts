// Marks the words of a text that a search matched, and cuts a snippet around the best passage.
// The result is plain runs of text (HighlightedText); views escape them and wrap the marked ones.

import type { HighlightedText } from '../domain/search.ts';

const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

/** Case and accents aside, as the indexes compare (SQLite's remove_diacritics). */
const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The indexes stem words (English rules), so "elections" finds "election". Without a stemmer
 * here, a word counts as matched when it starts with the term, or shares all of the term but
 * its last two letters (at least four): close to what stemming finds, and never far from it.
 */
function matches(word: string, term: string): boolean {
  if (word.startsWith(term)) return true;
  const needed = Math.max(4, term.length - 2);
  return term.length > needed && word.length >= needed && word.slice(0, needed) === term.slice(0, needed);
}

interface Word {
  readonly start: number;
  readonly end: number;
  readonly matched: boolean;
}

function wordsOf(text: string, terms: readonly string[]): Word[] {
  const folded = terms.map(fold);
  return [...text.matchAll(wordPattern)].map((m) => {
    const word = fold(m[0]);
    return { start: m.index, end: m.index + m[0].length, matched: folded.some((t) => matches(word, t)) };
  });
}

/** The whole of `text`, its matched words marked. */
export function highlight(text: string, terms: readonly string[]): HighlightedText {
  const runs: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const word of wordsOf(text, terms)) {
    if (!word.matched) continue;
    if (word.start > at) runs.push({ text: text.slice(at, word.start), mark: false });
    runs.push({ text: text.slice(word.start, word.end), mark: true });
    at = word.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), mark: false });
  return runs;
}

/** Words shown before the first match of the chosen passage, for context. */
const leadWords = 4;

/**
 * About `maxWords` words of `text` around the passage with the most matches (the start when
 * nothing matches), with an ellipsis where it was cut, matched words marked.
 */
export function snippet(text: string, terms: readonly string[], maxWords = 30): HighlightedText {
  const words = wordsOf(text, terms);
  if (words.length <= maxWords) return highlight(text, terms);
  const start = bestStart(words, maxWords);
  const end = Math.min(words.length, start + maxWords);
  const cut = text.slice(words[start]!.start, words[end - 1]!.end);
  const runs = [...highlight(cut, terms)];
  if (start > 0) runs.unshift({ text: '… ', mark: false });
  if (end < words.length) runs.push({ text: ' …', mark: false });
  return runs;
}

function bestStart(words: readonly Word[], maxWords: number): number {
  let best = 0;
  let bestCount = 0;
  words.forEach((word, i) => {
    if (!word.matched) return;
    const start = Math.max(0, Math.min(i - leadWords, words.length - maxWords));
    const count = words.slice(start, start + maxWords).filter((w) => w.matched).length;
    if (count > bestCount) [best, bestCount] = [start, count];
  });
  return best;
}
