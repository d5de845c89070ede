// A mail's body as a few kinds of block, written once and rendered twice: plain text, and
// simple HTML with every value escaped. Every mail ends with why it was sent and how to stop it.

export type Block =
  | { readonly kind: 'text'; readonly text: string }
  /** Someone else's words (a comment), set apart. */
  | { readonly kind: 'quote'; readonly text: string }
  | { readonly kind: 'link'; readonly label: string; readonly href: string };

export const text = (t: string): Block => ({ kind: 'text', text: t });
export const quote = (t: string): Block => ({ kind: 'quote', text: t });
export const link = (label: string, href: string): Block => ({ kind: 'link', label, href });

export interface MailBody {
  readonly blocks: readonly Block[];
  /** Small print after a rule: why this mail came, and the links that stop it. */
  readonly footer: readonly Block[];
}

const maxQuoteChars = 2_000;

export function renderText(body: MailBody): string {
  const render = (b: Block): string => {
    if (b.kind === 'text') return b.text;
    if (b.kind === 'link') return `${b.label}:\n${b.href}`;
    return clip(b.text)
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
  };
  return [...body.blocks.map(render), '-- ', ...body.footer.map(render)].join('\n\n').replace('\n\n-- \n\n', '\n\n-- \n') + '\n';
}

export function renderHtml(body: MailBody, title: string): string {
  const render = (b: Block): string => {
    if (b.kind === 'text') return `<p>${escape(b.text).replace(/\n/g, '<br>')}</p>`;
    if (b.kind === 'link') return `<p><a href="${escape(b.href)}">${escape(b.label)}</a></p>`;
    return `<blockquote style="margin:0 0 1em;padding:0 1em;border-left:3px solid #ccc;color:#333">${escape(clip(b.text)).replace(/\n/g, '<br>')}</blockquote>`;
  };
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escape(title)}</title></head>`,
    '<body style="font-family:Georgia,serif;font-size:16px;line-height:1.5;color:#111;max-width:40em">',
    ...body.blocks.map(render),
    '<hr style="border:0;border-top:1px solid #ccc">',
    `<div style="font-size:13px;color:#555">${body.footer.map(render).join('')}</div>`,
    '</body></html>',
  ].join('\n');
}

const clip = (s: string): string => (s.length > maxQuoteChars ? `${s.slice(0, maxQuoteChars)}…` : s);

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
