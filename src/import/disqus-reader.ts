// Reads a Disqus export (disqus.com's XML schema) as a stream of records: each thread (the page
// a discussion was on) and each post (a comment), with the dsq:id attributes that tie posts to
// their thread and parent.

import { invalidRecord, readXml, type ProgressListener, type XmlHandler } from './xml-stream.ts';

export interface DisqusThread {
  readonly id: string;
  readonly link: string;
  readonly title: string;
  readonly createdAt: string;
  readonly isClosed: boolean;
}

export interface DisqusPost {
  readonly id: string;
  readonly threadId: string;
  readonly parentId: string;
  readonly message: string;
  readonly createdAt: string;
  readonly isDeleted: boolean;
  readonly isSpam: boolean;
  /** Absent in most exports; "false" means the post waited for approval. */
  readonly isApproved: boolean;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly ip: string;
}

export type DisqusRecord = { readonly type: 'thread'; readonly thread: DisqusThread } | { readonly type: 'post'; readonly post: DisqusPost };

function disqusHandler(): XmlHandler<DisqusRecord> {
  let fields: Record<string, string> = {};
  const yes = (name: string) => fields[name] === 'true';

  return {
    open(element, parents) {
      const depth = parents.length;
      if (depth === 0 && element.name !== 'disqus') throw invalidRecord(`this is not a Disqus export (the document is <${element.name}>, not <disqus>)`);
      if (depth === 1) fields = { dsqId: element.attribute('id') ?? '' };
      // <thread dsq:id> and <parent dsq:id> inside a post say where it belongs.
      if (depth === 2 && parents[1] === 'post' && (element.name === 'thread' || element.name === 'parent')) fields[`${element.name}Id`] = element.attribute('id') ?? '';
    },

    close(name, raw, parents, emit) {
      const depth = parents.length;
      const text = raw.trim();
      if (depth === 2) fields[name] = text;
      if (depth === 3 && parents[2] === 'author') fields[`author.${name}`] = text;
      if (depth !== 1) return;
      if (name === 'thread') {
        emit({ type: 'thread', thread: { id: fields.dsqId!, link: fields.link ?? '', title: fields.title ?? '', createdAt: fields.createdAt ?? '', isClosed: yes('isClosed') } });
      } else if (name === 'post') {
        emit({
          type: 'post',
          post: {
            id: fields.dsqId!,
            threadId: fields.threadId ?? '',
            parentId: fields.parentId ?? '',
            message: fields.message ?? '',
            createdAt: fields.createdAt ?? '',
            isDeleted: yes('isDeleted'),
            isSpam: yes('isSpam'),
            isApproved: fields.isApproved !== 'false',
            authorName: fields['author.name'] ?? '',
            authorEmail: fields['author.email'] ?? '',
            ip: fields.ipAddress ?? '',
          },
        });
      }
    },
  };
}

export const readDisqus = (file: string, onProgress?: ProgressListener): AsyncGenerator<DisqusRecord> => readXml(file, disqusHandler(), onProgress);
