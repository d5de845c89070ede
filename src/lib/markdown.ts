// Markdown to sanitised HTML: the full language for articles, a small subset for comments
// (paragraphs, line breaks, emphasis, code, quotes, lists, links and bare URLs; no raw HTML).

import MarkdownIt from 'markdown-it';
import type { TrustedHtml } from '../domain/trusted-html.ts';
import { sanitizeArticleHtml, sanitizeCommentHtml } from './sanitize-html.ts';

const articleMarkdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

const commentMarkdown = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable([
  'paragraph', 'newline', 'emphasis', 'backticks', 'fence', 'code', 'blockquote', 'list', 'link', 'linkify', 'autolink', 'escape', 'entity',
]);

export const renderArticleMarkdown = (source: string): TrustedHtml => sanitizeArticleHtml(articleMarkdown.render(source));
export const renderCommentMarkdown = (source: string): TrustedHtml => sanitizeCommentHtml(commentMarkdown.render(source));

/** Links a reader would see in the rendered comment: what the link-count rule counts. */
export function countLinks(html: string): number {
  return html.match(/<a\s[^>]*href=/gi)?.length ?? 0;
}
