// What the spam classifier reads in a comment: its words, lowercased, and the hostnames of the
// links in it. Only the comment's text: the author's name, email and website are left out, so
// the model keeps nothing that an erasure request would have to find.

/** Bounds the model's reads and writes per comment (one `IN (…)` of at most this many). */
export const maxTokensPerComment = 200;
// Shorter words carry no signal; longer ones are mostly encoded junk that would bloat the table.
const minWordChars = 2;
const maxWordChars = 30;
const urlPattern = /\bhttps?:\/\/[^\s<>()[\]"']+|\bwww\.[^\s<>()[\]"']+/giu;
const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The comment's distinct tokens in order of first appearance: `host:` ones first, then words. */
export function spamTokens(text: string): string[] {
  const tokens = new Set<string>();
  const lower = text.toLocaleLowerCase('en-US');
  for (const url of lower.match(urlPattern) ?? []) {
    const host = hostOf(url);
    if (host) tokens.add(`host:${host}`);
  }
  for (const word of lower.replace(urlPattern, ' ').match(wordPattern) ?? []) {
    if (word.length >= minWordChars && word.length <= maxWordChars) tokens.add(word);
  }
  return [...tokens].slice(0, maxTokensPerComment);
}

function hostOf(url: string): string | undefined {
  const absolute = url.startsWith('www.') ? `http://${url}` : url;
  if (!URL.canParse(absolute)) return undefined;
  return new URL(absolute).hostname.replace(/^www\./, '') || undefined;
}
