// Writes imported comments in batches through the comment store, in the import's transaction:
// one look-up per batch finds those already imported (skipped: imports are idempotent) and the
// parents already written, ids are reserved so replies can point at parents in the same batch,
// and one multi-row insert writes it; a reply read before its parent is noted and linked when
// the import ends. So memory holds one batch, never the file's comments.

import type { ArticleStore } from '../articles/article-store.ts';
import type { CommentStore, NewComment } from '../comments/comment-store.ts';
import type { StaffStore } from '../accounts/staff-store.ts';
import { isIP } from 'node:net';
import { truncateIp } from '../domain/ip.ts';
import { commentId } from '../domain/ids.ts';
import type { ImportStore, SourceKind } from './import-store.ts';
import type { ReportBuilder } from './import-report.ts';

export interface ImportStores {
  readonly articles: ArticleStore;
  readonly comments: CommentStore;
  readonly staff: StaffStore;
  readonly imports: ImportStore;
}

export interface IncomingComment {
  readonly sourceId: string;
  readonly parentSourceId: string | null;
  /** How the report names it ("comment 12 on post 4"). */
  readonly label: string;
  readonly comment: Omit<NewComment, 'parentId'>;
}

const batchSize = 500;

export class CommentBatch {
  readonly #stores: ImportStores;
  readonly #kind: SourceKind;
  readonly #report: ReportBuilder;
  /** Comments with a higher id were written by this import: meeting one again means the file repeats it. */
  readonly #highestBefore: number;
  #items: IncomingComment[] = [];

  constructor(stores: ImportStores, kind: SourceKind, report: ReportBuilder, highestBefore: number) {
    this.#stores = stores;
    this.#kind = kind;
    this.#report = report;
    this.#highestBefore = highestBefore;
  }

  async add(item: IncomingComment): Promise<void> {
    this.#items.push(item);
    if (this.#items.length >= batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    const items = this.#items.splice(0);
    if (items.length === 0) return;
    const { imports, comments } = this.#stores;
    const known = await imports.findTargets(this.#kind, [...items.map((i) => i.sourceId), ...items.flatMap((i) => (i.parentSourceId ? [i.parentSourceId] : []))]);
    const fresh = items.filter((item) => {
      const existing = known.get(item.sourceId);
      if (existing === undefined) {
        known.set(item.sourceId, -1); // a repeat later in this batch is a repeat in the file
        return true;
      }
      if (existing > this.#highestBefore || existing === -1) this.#report.skip('the same comment id appears more than once in the file', item.label);
      else this.#report.alreadyImported.comments++;
      return false;
    });
    // Ids first, so a reply can point at a parent written in this same batch.
    const ids = await comments.reserveIds(fresh.length);
    fresh.forEach((item, i) => known.set(item.sourceId, ids[i]!));
    const rows = fresh.map((item, i) => {
      const parent = item.parentSourceId ? known.get(item.parentSourceId) : undefined;
      return { ...item.comment, id: ids[i]!, parentId: parent === undefined || parent === -1 ? null : commentId(parent) };
    });
    await comments.insertMany(rows);
    await imports.deferParents(fresh.flatMap((item, i) => (item.parentSourceId && rows[i]!.parentId === null ? [{ commentId: ids[i]!, kind: this.#kind, parentSourceId: item.parentSourceId }] : [])));
    for (const item of fresh) this.#report.commentCreated(item.comment.kind ?? 'comment', item.comment.status);
    await imports.remember(fresh.map((item, i) => ({ kind: this.#kind, sourceId: item.sourceId, targetId: ids[i]! })));
  }

  /** Writes what is left and links replies read before their parents. */
  async finish(): Promise<void> {
    await this.flush();
    this.#report.orphans += await this.#stores.imports.resolveDeferredParents(this.#highestBefore);
  }
}

/** An imported comment's IP as stored: only its network once older than the retention period. */
export function importedIp(raw: string, createdAt: Date, retainSince: Date, hash: (ip: string) => string): Pick<NewComment, 'ip' | 'ipHash' | 'ipTruncated'> {
  const ip = raw.trim();
  if (!isIP(ip)) return { ip: '', ipHash: '', ipTruncated: false };
  const old = createdAt.getTime() < retainSince.getTime();
  return { ip: old ? truncateIp(ip) : ip, ipHash: hash(ip), ipTruncated: old };
}
