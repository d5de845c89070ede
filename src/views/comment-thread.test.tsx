/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { commentId } from '../domain/ids.ts';
import { buildThread } from '../domain/thread.ts';
import { renderCommentMarkdown } from '../lib/markdown.ts';
import { CommentThread } from './comment-thread.tsx';
import { en } from './messages.ts';
import type { SiteView } from './site.ts';

const site: SiteView = { name: 'T', locale: 'en-US', timeZone: 'UTC', messages: en, assets: { css: '/a.css', js: '/a.js' } };

const hostile = {
  id: commentId(7),
  parentId: null,
  authorName: '"><script>alert(1)</script>',
  authorUrl: 'https://example.org/"onmouseover="alert(1)',
  bodyHtml: renderCommentMarkdown(`<script>alert(1)</script>' onmouseover=alert(1) <img src=x onerror=alert(1)>`),
  status: 'approved' as const,
  createdAt: new Date('2026-11-29T12:00:00Z'),
  avatarKey: 'abcdef0123456789abcdef0123456789',
  featured: false,
  edited: false,
  byStaff: false,
};

it('renders a hostile comment as inert text', () => {
  const html = render(<CommentThread site={site} thread={buildThread([hostile], 5)} canReply={true} />);
  assert.doesNotMatch(html, /<script|<img/i); // no such element, only escaped text
  assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i); // no element with an event handler
  assert.match(html, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /href="https:\/\/example.org\/&quot;onmouseover=&quot;alert\(1\)"/);
});

it('gives each comment its anchor, author link, date and a Reply link that works without JavaScript', () => {
  const html = render(<CommentThread site={site} thread={buildThread([{ ...hostile, authorName: 'Ada', authorUrl: 'https://ada.example/' }], 5)} canReply={true} />);
  assert.match(html, /<li id="comment-7"/);
  assert.match(html, /<a href="https:\/\/ada.example\/" rel="nofollow ugc">Ada<\/a>/);
  assert.match(html, /<time datetime="2026-11-29T12:00:00.000Z">/);
  assert.match(html, /href="\?replytocom=7#respond"/);
});

it('marks a held comment for its author and offers no reply to it', () => {
  const html = render(<CommentThread site={site} thread={buildThread([{ ...hostile, status: 'pending' as const }], 5)} canReply={true} />);
  assert.match(html, /Your comment is awaiting moderation/);
  assert.doesNotMatch(html, /replytocom/);
});
