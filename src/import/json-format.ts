// Dateline's own export format, JSON Lines (docs/export-format.md): one JSON object per line,
// a header first, then staff, articles and comments in id order, so both writing and reading
// it stream. Read here line by line; a line that is not a record fails with its number.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { CommentKind, CommentStatus } from '../domain/comment.ts';
import type { ArticleStatus } from '../domain/article.ts';
import type { Role } from '../domain/staff.ts';
import { MalformedImport, type ProgressListener } from './xml-stream.ts';

export const formatName = 'dateline-export';
export const formatVersion = 1;

export interface JsonHeader {
  readonly type: typeof formatName;
  readonly version: number;
  /** The exporting site's public address (or name): scopes source ids, so two sites' ids never collide. */
  readonly site: string;
  readonly exportedAt: string;
}

export interface JsonStaff {
  readonly type: 'staff';
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

export interface JsonArticle {
  readonly type: 'article';
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly section: string | null;
  readonly summary: string | null;
  readonly bodyMarkdown: string;
  readonly bodyHtml: string;
  readonly status: ArticleStatus;
  readonly commentsOpen: boolean;
  readonly publishedAt: string;
  readonly updatedAt: string;
  readonly authorStaffId: number | null;
  readonly tags: readonly string[];
}

export interface JsonComment {
  readonly type: 'comment';
  readonly id: number;
  readonly articleId: number;
  readonly parentId: number | null;
  readonly kind: CommentKind;
  readonly status: CommentStatus;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string | null;
  readonly ip: string;
  readonly userAgent: string;
  readonly bodyText: string;
  readonly bodyHtml: string;
  readonly createdAt: string;
  readonly featuredAt: string | null;
  readonly editedAt: string | null;
}

export type JsonRecord = JsonHeader | JsonStaff | JsonArticle | JsonComment;

const types = new Set(['staff', 'article', 'comment']);

/** The records of a JSON Lines export, one at a time; the header must come first. */
export async function* readJsonLines(file: string, onProgress?: ProgressListener): AsyncGenerator<JsonRecord> {
  const { size } = await stat(file);
  let line = 0;
  let bytesRead = 0;
  for await (const text of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    line++;
    bytesRead += Buffer.byteLength(text) + 1;
    if (line % 1000 === 0) onProgress?.(Math.min(bytesRead, size), size);
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (e) {
      throw new MalformedImport(line, `not JSON (${(e as Error).message})`);
    }
    const type = (record as { type?: unknown } | null)?.type;
    if (line === 1 && (type !== formatName || (record as JsonHeader).version !== formatVersion)) throw new MalformedImport(line, `not a Dateline export (the first line must be {"type":"${formatName}","version":${formatVersion},…})`);
    if (line > 1 && !types.has(String(type))) throw new MalformedImport(line, `unknown record type ${JSON.stringify(type)}`);
    yield record as JsonRecord;
  }
  if (line === 0) throw new MalformedImport(1, 'the file is empty');
  onProgress?.(size, size);
}
