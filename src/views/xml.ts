// Writing XML text safely: escaping, and dropping characters XML 1.0 does not allow at all.
// Used by the feed and sitemap renderers; pure, no I/O.

// Everything outside XML 1.0's Char production (control characters, lone surrogates, U+FFFE/F)
// makes the whole document unparseable, so it is removed rather than escaped.
const illegalXmlChars = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe for both element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(illegalXmlChars, '').replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/** `<name attr="…">text</name>`, with the text and attribute values escaped. */
export function xmlElement(name: string, text: string, attrs: Readonly<Record<string, string>> = {}): string {
  return `<${name}${xmlAttributes(attrs)}>${escapeXml(text)}</${name}>`;
}

/** `<name attr="…"/>`, with the attribute values escaped. */
export function xmlEmptyElement(name: string, attrs: Readonly<Record<string, string>>): string {
  return `<${name}${xmlAttributes(attrs)}/>`;
}

function xmlAttributes(attrs: Readonly<Record<string, string>>): string {
  return Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
}

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';
