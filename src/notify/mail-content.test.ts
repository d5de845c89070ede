import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { link, quote, renderHtml, renderText, text } from './mail-content.ts';
import { retryDelayMs } from './deliver-outbox.ts';

const body = {
  blocks: [text('Bo replied:'), quote('<script>alert(1)</script>\nsecond line'), link('Read it', 'https://news.example/a/?x=1&y=2')],
  footer: [text('Why you get this.'), link('Stop these mails', 'https://news.example/stop')],
};

describe('mail bodies', () => {
  it('renders the same blocks as plain text with quoted lines and bare links', () => {
    const plain = renderText(body);
    assert.match(plain, /^Bo replied:\n\n> <script>alert\(1\)<\/script>\n> second line\n\nRead it:\nhttps:\/\/news\.example\/a\/\?x=1&y=2\n\n-- \nWhy you get this\./);
  });

  it('escapes every value in the HTML version', () => {
    const html = renderHtml(body, 'A "title" <b>');
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;<br>second line/);
    assert.match(html, /href="https:\/\/news\.example\/a\/\?x=1&amp;y=2"/);
    assert.match(html, /<title>A &quot;title&quot; &lt;b&gt;<\/title>/);
  });
});

describe('retry delays', () => {
  it('double from 30 seconds and stop growing at 30 minutes', () => {
    assert.deepEqual([1, 2, 3, 4, 7, 8, 20].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000, 1_800_000, 1_800_000, 1_800_000]);
  });
});
