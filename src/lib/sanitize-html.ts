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

export const sanitizeArticleHtml = (html: string): TrustedHtml => trustHtml(sanitizeHtml(html, articleOptions));
export const sanitizeCommentHtml = (html: string): TrustedHtml => trustHtml(sanitizeHtml(html, commentOptions));
