// The feed renderer on hostile text: whatever an entry holds, each format still parses and
// says the same thing back (less the characters XML 1.0 cannot carry at all).

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderFeed, type FeedChannel, type FeedEntry } from './feeds.ts';

const channel: FeedChannel = {
  title: 'News & "Views" <daily>',
  description: 'It’s all here',
  homeUrl: 'https://news.example/?a=1&b=2',
  feedUrls: { rss: 'https://news.example/feed/', atom: 'https://news.example/feed/atom/', json: 'https://news.example/feed.json' },
  language: 'en-US',
  updated: new Date('2026-11-29T12:00:00Z'),
};

const hostile = 'a\u0000b\u0008c\u000Bd\uFFFEe\uD800f ]]> <![CDATA[ x ]]> &amp; <p>tag</p> \u{1F600} tab\tnewline\n';
const expected = 'abcdef ]]> <![CDATA[ x ]]> &amp; <p>tag</p> \u{1F600} tab\tnewline\n';

const entry: FeedEntry = {
  id: 'https://news.example/2026/11/29/story/#comment-1',
  url: 'https://news.example/2026/11/29/story/#comment-1',
  title: hostile,
  contentHtml: hostile,
  published: new Date('2026-11-29T11:00:00Z'),
  updated: new Date('2026-11-29T11:30:00Z'),
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, processEntities: true });

it('keeps RSS and Atom well-formed whatever the text holds, dropping only characters XML 1.0 forbids', () => {
  for (const format of ['rss', 'atom'] as const) {
    const { body } = renderFeed(format, channel, [entry]);
    assert.equal(XMLValidator.validate(body), true, format);
    const doc = parser.parse(body);
    const item = format === 'rss' ? doc.rss.channel.item : doc.feed.entry;
    assert.equal(item.title, expected, `${format} title`);
    const content = format === 'rss' ? item['content:encoded'] : item.content['#text'];
    assert.equal(content, expected, `${format} content`);
    const title = format === 'rss' ? doc.rss.channel.title : doc.feed.title;
    assert.equal(title, channel.title, `${format} channel title`);
  }
});

it('gives an Atom feed an author when an entry has none, as RFC 4287 requires', () => {
  const doc = parser.parse(renderFeed('atom', channel, [entry]).body);
  assert.equal(doc.feed.author.name, channel.title);
  const withAuthor = parser.parse(renderFeed('atom', channel, [{ ...entry, authorName: 'Ada' }]).body);
  assert.equal(withAuthor.feed.author, undefined);
  assert.equal(withAuthor.feed.entry.author.name, 'Ada');
});

it('writes JSON Feed text as it is, and leaves out the optional fields an entry does not have', () => {
  const { body, contentType } = renderFeed('json', channel, [entry]);
  assert.equal(contentType, 'application/feed+json; charset=utf-8');
  const [item] = JSON.parse(body).items;
  assert.equal(item.title, hostile);
  assert.equal('authors' in item, false);
  assert.equal('tags' in item, false);
  assert.equal('summary' in item, false);
});

it('keeps a plain-text summary plain in every format', () => {
  const summary = 'Fish & chips <cheap>';
  const withSummary = [{ ...entry, summary }];
  const rss = parser.parse(renderFeed('rss', channel, withSummary).body);
  assert.equal(rss.rss.channel.item.description, 'Fish &amp; chips &lt;cheap&gt;', 'RSS: HTML that shows the text');
  const atom = parser.parse(renderFeed('atom', channel, withSummary).body);
  assert.deepEqual([atom.feed.entry.summary['@type'], atom.feed.entry.summary['#text']], ['text', summary]);
  assert.equal(JSON.parse(renderFeed('json', channel, withSummary).body).items[0].summary, summary);
});
