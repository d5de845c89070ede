// What an import did: how many of each kind it created, how many it found already imported (a
// second run of the same file creates nothing), the comments by status, and what it skipped
// and why (each reason counted, with a few examples, so a million skips stay a few lines).

import type { CommentStatus } from '../domain/comment.ts';

export type CreatedKind = 'staff' | 'articles' | 'comments' | 'pingbacks' | 'trackbacks' | 'redirects';

export interface SkippedReason {
  readonly reason: string;
  readonly count: number;
  readonly examples: readonly string[];
}

export interface ImportReport {
  readonly format: 'wxr' | 'disqus' | 'json';
  readonly created: Record<CreatedKind, number>;
  readonly alreadyImported: Record<'staff' | 'articles' | 'comments', number>;
  /** Created comments (pingbacks and trackbacks too) by status. */
  readonly statuses: Record<CommentStatus, number>;
  /** Distinct sections and tags the created articles have. */
  readonly sections: number;
  readonly tags: number;
  /** Replies whose parent was not in the file: kept as top-level comments. */
  readonly orphans: number;
  readonly skipped: readonly SkippedReason[];
}

const maxExamples = 5;

/** Collects the report while an import runs. */
export class ReportBuilder {
  readonly created: Record<CreatedKind, number> = { staff: 0, articles: 0, comments: 0, pingbacks: 0, trackbacks: 0, redirects: 0 };
  readonly alreadyImported = { staff: 0, articles: 0, comments: 0 };
  readonly statuses: Record<CommentStatus, number> = { approved: 0, pending: 0, spam: 0, trash: 0 };
  readonly #sections = new Set<string>();
  readonly #tags = new Set<string>();
  readonly #skipped = new Map<string, { count: number; examples: string[] }>();
  orphans = 0;

  constructor(readonly format: ImportReport['format']) {}

  skip(reason: string, example: string): void {
    const entry = this.#skipped.get(reason) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < maxExamples) entry.examples.push(example);
    this.#skipped.set(reason, entry);
  }

  articleCreated(section: string | null, tagSlugs: readonly string[]): void {
    this.created.articles++;
    if (section) this.#sections.add(section);
    for (const t of tagSlugs) this.#tags.add(t);
  }

  commentCreated(kind: 'comment' | 'pingback' | 'trackback', status: CommentStatus): void {
    this.created[kind === 'comment' ? 'comments' : kind === 'pingback' ? 'pingbacks' : 'trackbacks']++;
    this.statuses[status]++;
  }

  build(): ImportReport {
    return {
      format: this.format,
      created: { ...this.created },
      alreadyImported: { ...this.alreadyImported },
      statuses: { ...this.statuses },
      sections: this.#sections.size,
      tags: this.#tags.size,
      orphans: this.orphans,
      skipped: [...this.#skipped].map(([reason, e]) => ({ reason, count: e.count, examples: e.examples })),
    };
  }
}

/** The report as lines for a terminal or a page. */
export function describeReport(r: ImportReport): string[] {
  const c = r.created;
  const lines = [
    `created: ${c.articles} articles, ${c.comments} comments, ${c.pingbacks} pingbacks, ${c.trackbacks} trackbacks, ${c.staff} staff, ${c.redirects} old addresses`,
    `comments by status: ${r.statuses.approved} approved, ${r.statuses.pending} pending, ${r.statuses.spam} spam, ${r.statuses.trash} trash`,
    `sections: ${r.sections}, tags: ${r.tags}`,
    `already imported (left as they are): ${r.alreadyImported.articles} articles, ${r.alreadyImported.comments} comments, ${r.alreadyImported.staff} staff`,
  ];
  if (r.orphans > 0) lines.push(`replies whose parent was not in the file, kept as top-level comments: ${r.orphans}`);
  for (const s of r.skipped) lines.push(`skipped ${s.count}: ${s.reason} (${s.examples.join('; ')}${s.count > s.examples.length ? '; …' : ''})`);
  return lines;
}
