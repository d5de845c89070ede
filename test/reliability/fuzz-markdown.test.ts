// Fuzzing the Markdown/sanitiser pipeline: whatever an author or commenter writes — arbitrary
// Unicode, or a grammar of the fragments XSS cheat sheets are made of — the HTML that comes out,
// read back by a real HTML parser (htmlparser2), has no script-like element, no event handler
// and no script URL, and sanitising it again changes nothing.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';
import { renderArticleMarkdown, renderCommentMarkdown } from '../../src/lib/markdown.ts';
import { sanitizeArticleHtml, sanitizeCommentHtml } from '../../src/lib/sanitize-html.ts';
import { anyText, fuzzParameters, fuzzRuns } from '../support/fuzz.ts';

const forbiddenElements = new Set(['script', 'style', 'iframe', 'object', 'embed', 'frame', 'frameset', 'applet', 'base', 'meta', 'link', 'form', 'svg', 'math', 'template', 'noscript']);
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'srcset', 'data', 'cite']);

/**
 * What a browser would make of a URL attribute's scheme (WHATWG URL parsing): entities are
 * already decoded by the HTML parser; tabs and newlines go wherever they are, C0 controls and
 * spaces at the start. Neither sanitizer allows data: (images are http and https only), so
 * every data: is a failure.
 */
const scriptScheme = (value: string): boolean => /^(javascript|vbscript|data|livescript|mocha):/.test(value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '').toLowerCase());

/** Every way `html` could run script once a browser reads it (empty when none). */
export function dangers(html: string): string[] {
  const found: string[] = [];
  const walk = (nodes: readonly ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
        const name = node.name.toLowerCase();
        if (forbiddenElements.has(name)) found.push(`<${name}> element`);
        for (const [attr, value] of Object.entries(node.attribs)) {
          const a = attr.toLowerCase();
          if (a.startsWith('on')) found.push(`${a} attribute on <${name}>`);
          if (a === 'style') found.push(`style attribute on <${name}>`);
          if ((urlAttributes.has(a) || a.endsWith(':href')) && scriptScheme(value)) found.push(`${a}="${value}" on <${name}>`);
        }
        walk(node.children);
      } else if (node.type === 'cdata' || node.type === 'directive') found.push(`${node.type} node`);
    }
  };
  walk(parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true }).children);
  return found;
}

// A scheme written the ways filters get fooled: mixed case, entities (decimal, hex, padded, named),
// tabs and newlines inside, controls and spaces before it, the colon encoded.
const obfuscatedChar = (c: string): fc.Arbitrary<string> =>
  fc.constantFrom(c, c.toUpperCase(), `&#${c.charCodeAt(0)};`, `&#x${c.charCodeAt(0).toString(16)};`, `&#0000${c.charCodeAt(0)}`, `${c}\t`, `${c}&#x09;`, `${c}&Tab;`, `${c}&NewLine;`, `${c}\n`, `${c}\u0000`);
const obfuscatedWord = (word: string) => fc.tuple(...[...word].map(obfuscatedChar)).map((parts) => parts.join(''));
const colon = fc.constantFrom(':', '&#58;', '&#x3a;', '&colon;', '&#0058', '%3A');
const leading = fc.constantFrom('', ' ', '\u0001', '\t', '&#x20;', '\u00a0', '&#14;');
const scheme = fc.tuple(leading, fc.oneof(obfuscatedWord('javascript'), obfuscatedWord('vbscript'), obfuscatedWord('data'), fc.constantFrom('javascript', 'JaVaScRiPt', 'data', 'vbscript', 'jav\tascript', 'java\0script')), colon).map(([l, s, c]) => `${l}${s}${c}`);
const payload = fc.constantFrom('alert(1)', 'text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'text/html,<script>alert(1)</script>', 'msgbox(1)', '//%0aalert(1)', 'image/svg+xml,<svg onload=alert(1)>', 'image/png;base64,iVBORw0K');
const hostileUrl = fc.oneof({ weight: 4, arbitrary: fc.tuple(scheme, payload).map(([s, p]) => s + p) }, { weight: 1, arbitrary: fc.constantFrom('https://example.org/a?b=c&d="e"', '//evil.example/x', 'http://x.example/"onmouseover="alert(1)', 'mailto:a@b.example') });

const quoted = (url: string) => fc.constantFrom(`"${url}"`, `'${url}'`, url, `"${url}'`, `\`${url}\``);
const handler = fc.constantFrom('onerror', 'onload', 'onclick', 'OnMouseOver', 'onfocus autofocus', 'on\u0000click', 'onbegin', 'ontoggle');

/** Markdown and HTML fragments that carry a hostile URL somewhere. */
const withUrl = hostileUrl.chain((url) =>
  fc.oneof(
    fc.constantFrom(`[x](${url})`, `![x](${url})`, `[x](<${url}>)`, `[x](${url} "title")`, `<${url}>`, `[x][r]\n\n[r]: ${url}\n`, `![x][r]\n\n[r]: <${url}> 'title'\n`, url),
    quoted(url).map((q) => `<a href=${q}>link</a>`),
    quoted(url).map((q) => `<img src=${q} alt=x>`),
    quoted(url).map((q) => `<form action=${q}><button formaction=${q}>go</button></form>`),
    quoted(url).map((q) => `<svg><a xlink:href=${q}><text>x</text></a></svg>`),
    quoted(url).map((q) => `<math href=${q}>x</math>`),
    quoted(url).map((q) => `<iframe src=${q}></iframe>`),
    quoted(url).map((q) => `<object data=${q}></object><embed src=${q}>`),
    quoted(url).map((q) => `<a href=${q} onclick="alert(1)">x</a>`),
  ),
);

const elements = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', '<script', '<scr<script>ipt>alert(1)</script>', '<style>body{background:url(javascript:alert(1))}</style>',
    '<svg onload=alert(1)>', '<svg><script>alert(1)</script></svg>', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '<svg><style><img src=x onerror=alert(1)></style></svg>',
    '<iframe srcdoc="<script>alert(1)</script>">', '<object data="javascript:alert(1)">', '<embed src=x>', '<base href="javascript:/">', '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    '<!-- <script>alert(1)</script> -->', '<!--><img src=x onerror=alert(1)>-->', '<![CDATA[<script>alert(1)</script>]]>', '<!DOCTYPE html>', '<?xml version="1.0"?>', '</p><p>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<img src=x onerror=alert(1)//', '<a href="x" title="a\'b"c">', '<p style="x:expression(alert(1))">', '<template><script>alert(1)</script></template>', '<textarea></textarea><script>', '<table><td background="javascript:alert(1)">',
    '<img """><script>alert(1)</script>">', '<<a>a href="javascript:alert(1)">x</a>', '<a/href="javascript:alert(1)">x</a>', '<img/src=x/onerror=alert(1)>', '<x onclick=alert(1)>x</x>',
  ),
  fc.tuple(fc.constantFrom('a', 'img', 'p', 'div', 'svg', 'math', 'details', 'video', 'body', 'input', 'select', 'b', 'li'), handler, fc.constantFrom('alert(1)', '"alert(1)"', "'x'", '`x`')).map(([tag, on, js]) => `<${tag} ${on}=${js}>x</${tag}>`),
);

const markdownBits = fc.constantFrom('\n\n', '\n', '**', '*', '_', '`', '```\n', '> ', '- ', '1. ', '# ', '    ', '\\', '&amp;', '&lt;', '&#0;', '&#xd800;', '"', "'", ')', ']', '[', '|', '---', '\u2028', '\ud83d', '😀', 'é');

/** Documents built from the hostile grammar, with arbitrary text between the pieces. */
export const hostileDocument = fc.array(fc.oneof({ weight: 3, arbitrary: withUrl }, { weight: 3, arbitrary: elements }, { weight: 2, arbitrary: markdownBits }, { weight: 1, arbitrary: anyText(20) }), { maxLength: 8 }).map((parts) => parts.join(''));

const pipelines = [
  { name: 'renderCommentMarkdown', run: renderCommentMarkdown, sanitize: sanitizeCommentHtml },
  { name: 'renderArticleMarkdown', run: renderArticleMarkdown, sanitize: sanitizeArticleHtml },
  { name: 'sanitizeCommentHtml', run: sanitizeCommentHtml, sanitize: sanitizeCommentHtml },
  { name: 'sanitizeArticleHtml', run: sanitizeArticleHtml, sanitize: sanitizeArticleHtml },
] as const;

const runs = fuzzRuns(300, 30);

describe('counterexamples the fuzzing found', () => {
  // A dropped <math> or <noscript> kept the parser from closing a paragraph, so the first output
  // nested what the next parse (a browser's, or re-sanitising stored HTML) splits apart.
  it('writes a table after a dropped <math> where a browser would put it', () => {
    const html = sanitizeArticleHtml('<p><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>');
    assert.equal(html, '<p></p><table></table><p></p>');
    assert.equal(sanitizeArticleHtml(html), html);
    assert.equal(sanitizeArticleHtml(renderArticleMarkdown('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>')), renderArticleMarkdown('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'));
  });

  it('does not nest paragraphs after a dropped <noscript>', () => {
    const input = '</p><p><noscript><p title="</noscript><img src=x onerror=alert(1)>">';
    for (const sanitize of [sanitizeCommentHtml, sanitizeArticleHtml]) {
      const html = sanitize(input);
      assert.doesNotMatch(html, /<p><p>/);
      assert.equal(sanitize(html), html);
    }
  });
});

describe('the checker the properties rely on', () => {
  it('finds every way the raw hostile fragments would run script', () => {
    assert.deepEqual(dangers('<a href="jav&#x09;ascript:alert(1)">x</a>'), ['href="jav\tascript:alert(1)" on <a>']);
    assert.deepEqual(dangers('<img src=x onerror=alert(1)>'), ['onerror attribute on <img>']);
    assert.deepEqual(dangers('<svg><a xlink:href=" data:text/html,x">y</a></svg>'), ['<svg> element', 'xlink:href=" data:text/html,x" on <a>']);
    assert.deepEqual(dangers('<p>&lt;script&gt; <a href="https://example.org/javascript:x">fine</a></p>'), []);
  });

  it('meets script in most documents of the hostile grammar before they are sanitised', () => {
    const samples = fc.sample(hostileDocument, { seed: 1, numRuns: 200 });
    assert.ok(samples.filter((s) => dangers(s).length > 0).length > 100, 'the grammar is hostile enough to be worth running');
  });
});

for (const { name, run, sanitize } of pipelines) {
  describe(name, () => {
    for (const [input, source] of [['arbitrary text', anyText(300)], ['hostile documents', hostileDocument]] as const) {
      it(`never lets script through, and sanitising its output again changes nothing, for ${input}`, () => {
        fc.assert(
          fc.property(source, (text) => {
            const html = run(text);
            assert.deepEqual(dangers(html), [], `output: ${html}`);
            assert.equal(sanitize(html), html, 'sanitising the output again changes it');
          }),
          fuzzParameters(runs),
        );
      });
    }
  });
}
