// Imported bodies are HTML: WordPress comments with paragraphs made from blank lines when shown
// (wpautop), Disqus messages already in <p>s. These make that HTML explicit before it is
// sanitised, and turn sanitised HTML back into the plain text Dateline keeps beside it.

const blockTag = /<(p|div|blockquote|ul|ol|pre|h[1-6]|table)[\s>]/i;

/** Blank lines become paragraphs and single line breaks <br>, as WordPress shows a comment (unless it has block tags already). */
export function paragraphs(html: string): string {
  if (blockTag.test(html)) return html;
  return html
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n+/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${p.trim().replace(/\n/g, '<br />\n')}</p>`)
    .join('\n');
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

/** Sanitised HTML as plain text: paragraphs separated by a blank line, <br> as a line break. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>\n?/gi, '\n')
    .replace(/<\/(p|blockquote|li|pre|h[1-6]|div)>\n*/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
