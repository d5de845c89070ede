// `dateline export json`: the site in Dateline's JSON Lines format (docs/export-format.md): a
// header, then staff, articles and comments, one object per line, read and written a page at a
// time. A staff tool: it carries commenters' emails and IPs.

import { streamWriter } from './export-writer.ts';
import type { ExportSource } from './import-store.ts';
import { formatName, formatVersion, type JsonArticle, type JsonComment, type JsonHeader, type JsonStaff } from './json-format.ts';

const pageSize = 500;
const iso = (d: Date | null): string | null => d && d.toISOString();

export async function exportJson(source: ExportSource, site: { url: string; now: Date }, out: NodeJS.WritableStream): Promise<void> {
  const write = streamWriter(out);
  const line = (record: JsonHeader | JsonStaff | JsonArticle | JsonComment) => write(`${JSON.stringify(record)}\n`);
  await line({ type: formatName, version: formatVersion, site: site.url, exportedAt: site.now.toISOString() });
  for (const s of await source.staff()) await line({ type: 'staff', id: s.id, email: s.email, name: s.name, role: s.role });
  for (let after = 0; ; ) {
    const page = await source.articles({ afterId: after, limit: pageSize });
    for (const a of page) {
      await line({ type: 'article', id: a.id, slug: a.slug, title: a.title, section: a.section, summary: a.summary, bodyMarkdown: a.bodyMarkdown, bodyHtml: a.bodyHtml, status: a.status, commentsOpen: a.commentsOpen, publishedAt: a.publishedAt.toISOString(), updatedAt: a.updatedAt.toISOString(), authorStaffId: a.authorStaffId, tags: a.tags });
    }
    if (page.length < pageSize) break;
    after = page.at(-1)!.id;
  }
  for (let after = 0; ; ) {
    const page = await source.comments({ afterId: after, limit: pageSize });
    for (const c of page) {
      await line({ type: 'comment', id: c.id, articleId: c.articleId, parentId: c.parentId, kind: c.kind, status: c.status, authorName: c.authorName, authorEmail: c.authorEmail, authorUrl: c.authorUrl, ip: c.ip, userAgent: c.userAgent, bodyText: c.bodyText, bodyHtml: c.bodyHtml, createdAt: c.createdAt.toISOString(), featuredAt: iso(c.featuredAt), editedAt: iso(c.editedAt) });
    }
    if (page.length < pageSize) break;
    after = page.at(-1)!.id;
  }
}
