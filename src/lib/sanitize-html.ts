// The only place HTML from authors or commenters becomes TrustedHtml. Two allow-lists:
// articles (staff-written Markdown) and comments (a small subset, links marked ugc).

import sanitizeHtml from 'sanitize-html';
import { trustHtml, type TrustedHtml } from '../domain/trusted-html.ts';

const safeSchemes = ['http', 'https', 'mailto'];

const articleOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'strong', 'em', 'b', 'i', 's', 'del', 'ins', 'sub', 'sup', 'mark', 'small', 'abbr', 'cite', 'q',
    'code', 'pre', 'kbd', 'a', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot',
    'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: safeSchemes,
  allowedSchemesByTag: { img: ['https', 'http'] },
  transformTags: {
    // Images load when scrolled near and decode off the main thread, so text comes first.
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
  },
};

const commentOptions: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: safeSchemes,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'nofollow ugc' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
};

// sanitize-html writes out the tree its parser built, and a tag it drops may have kept that
// parser from closing a paragraph (`<p><math><table>` is written `<p><table></table></p>`), which
// the next reader of the output — a browser, or this function on stored HTML — closes elsewhere.
// So output made after dropping a tag is sanitised once more: what is stored is what is read
// back (found by test/reliability/fuzz-markdown.test.ts). Markdown comments drop nothing.
let dropped = false;
const noteDropped = (allowed: readonly string[]) => (name: string) => {
  if (!allowed.includes(name)) dropped = true;
};
articleOptions.onOpenTag = noteDropped(articleOptions.allowedTags as string[]);
commentOptions.onOpenTag = noteDropped(commentOptions.allowedTags as string[]);

function sanitizeStable(html: string, options: sanitizeHtml.IOptions): TrustedHtml {
  dropped = false;
  const once = sanitizeHtml(html, options);
  return trustHtml(dropped ? sanitizeHtml(once, options) : once);
}

export const sanitizeArticleHtml = (html: string): TrustedHtml => sanitizeStable(html, articleOptions);
export const sanitizeCommentHtml = (html: string): TrustedHtml => sanitizeStable(html, commentOptions);
