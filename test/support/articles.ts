// Articles and comments for tests of the public lists: publish with any field, write a staff
// byline, and approve comments from distinct readers (so no flood or first-time hold interferes).

import type { ArticleStatus } from '../../src/domain/article.ts';
import { commentId, type ArticleId, type StaffId } from '../../src/domain/ids.ts';
import type { TestApp } from './build-test-app.ts';

export interface ArticleFields {
  readonly title: string;
  readonly slug?: string;
  readonly section?: string | null;
  readonly summary?: string | null;
  readonly body?: string;
  readonly publishedAt?: string;
  readonly status?: ArticleStatus;
  readonly tags?: string;
  readonly authorStaffId?: StaffId | null;
}

/** Publishes a new article (default: in World, a few days before the test clock's noon). */
export async function publish(ctx: TestApp, fields: ArticleFields) {
  const { article } = await ctx.dateline.services.publishArticle({
    title: fields.title,
    slug: fields.slug ?? fields.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    section: fields.section === undefined ? 'World' : fields.section,
    summary: fields.summary ?? null,
    bodyMarkdown: fields.body ?? `The first paragraph of ${fields.title}.\n\nA second paragraph.`,
    publishedAt: new Date(fields.publishedAt ?? '2026-11-20T09:00:00Z'),
    status: fields.status ?? 'published',
    commentsOpen: true,
    create: true,
    ...(fields.tags === undefined ? {} : { tags: fields.tags }),
    ...(fields.authorStaffId === undefined ? {} : { authorStaffId: fields.authorStaffId }),
  });
  return article;
}

/** A staff member who writes under `name`. */
export async function writer(ctx: TestApp, name: string) {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@newsroom.example`;
  return ctx.dateline.services.addStaff.addStaff({ email, name, role: 'editor', password: 'correct horse battery' });
}

let readerN = 0;

/** `count` approved comments on an article, each by a different reader, written now (by the test clock). */
export async function approvedComments(ctx: TestApp, articleId: ArticleId, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const n = ++readerN;
    const { comment } = await ctx.dateline.services.submitComment({
      articleId,
      parentId: null,
      authorName: `Reader ${n}`,
      authorEmail: `reader${n}@example.com`,
      authorUrl: '',
      bodyText: `Comment number ${n}.`,
      ip: `198.51.100.${n % 250}`,
      userAgent: 'test',
    });
    if (comment.status !== 'approved') await ctx.dateline.services.moderateComment({ commentId: commentId(comment.id), action: 'approve', actor: 'test' });
  }
}
