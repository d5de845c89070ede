// The standfirst a list or a search result shows under a headline: the article's own summary,
// else the first paragraph of its body as plain text. Pure; views escape what it returns.

import type { Article } from './article.ts';

/** Long enough for two or three lines of a teaser, short enough for a meta description. */
const maxStandfirstChars = 280;

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function standfirst(article: Pick<Article, 'summary' | 'bodyHtml'>): string {
  const summary = article.summary?.trim();
  if (summary) return summary;
  const paragraph = /<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/i.exec(article.bodyHtml)?.[1] ?? '';
  return shorten(htmlToText(paragraph), maxStandfirstChars);
}

/** The text of a fragment of (sanitised) HTML: tags dropped, entities decoded, spaces collapsed. */
function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `maxChars`, cut at a word boundary and marked with an ellipsis when cut. */
function shorten(text: string, maxChars: number): string {
  const chars = [...text];
  if (chars.length <= maxChars) return text;
  const cut = chars.slice(0, maxChars - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

function decodeEntity(name: string): string | undefined {
  if (name[0] !== '#') return namedEntities[name.toLowerCase()];
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
