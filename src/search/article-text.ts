// An article's Markdown as plain text: the words a reader sees, without markup, link targets
// or raw HTML. Snippets are cut from this, never from the rendered HTML.

import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

// The article renderer's options, so quotes and dashes read as they do on the page.
const markdown = new MarkdownIt({ html: true, typographer: true });

export function articlePlainText(source: string): string {
  const blocks: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'inline') blocks.push(inlineText(token.children ?? []));
    else if (token.type === 'fence' || token.type === 'code_block') blocks.push(token.content);
  }
  return blocks.join(' ').replace(/\s+/g, ' ').trim();
}

function inlineText(tokens: readonly Token[]): string {
  return tokens
    .map((t) => {
      if (t.type === 'text' || t.type === 'code_inline') return t.content;
      if (t.type === 'softbreak' || t.type === 'hardbreak') return ' ';
      if (t.type === 'image') return inlineText(t.children ?? []); // its alt text
      return ''; // markup and raw HTML
    })
    .join('');
}
