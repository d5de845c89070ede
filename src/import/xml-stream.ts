// Streams an XML file through saxes a chunk at a time and hands back what a format reader made
// of it as records, so memory stays constant however large the file. Elements are named by
// their namespace, not the prefix a file happens to use (`wp:` for any WXR version, http or
// https). A file that is not well-formed fails with its line and the parser's reason.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** A file that cannot be imported, with the line where that became clear. */
export class MalformedImport extends Error {
  readonly line: number;
  readonly reason: string;
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.line = line;
    this.reason = reason;
  }
}

/** Thrown by a format reader: the stream driver adds the line it was reading. */
export const invalidRecord = (reason: string): MalformedImport => new MalformedImport(0, reason);

/** Bytes read so far and the file's size, after each chunk. */
export type ProgressListener = (bytesRead: number, totalBytes: number) => void;

/** An element as a format reader sees it: its canonical name and its attributes by local name. */
export interface XmlElement {
  readonly name: string;
  attribute(local: string): string | undefined;
}

/** What a format reader does with the document; it may throw MalformedImport. */
export interface XmlHandler<R> {
  open(element: XmlElement, parents: readonly string[], emit: (record: R) => void): void;
  close(name: string, text: string, parents: readonly string[], emit: (record: R) => void): void;
}

const prefixes: [RegExp, string][] = [
  [/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/?$/, 'excerpt:'],
  [/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/?$/, 'wp:'],
  [/^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/, 'content:'],
  [/^https?:\/\/purl\.org\/dc\/elements\/1\.1\/?$/, 'dc:'],
  [/^https?:\/\/disqus\.com\/disqus-internals\/?$/, 'dsq:'],
  [/^https?:\/\/disqus\.com\/?$/, ''],
];

const canonicalPrefix = (uri: string): string => (uri === '' ? '' : (prefixes.find(([pattern]) => pattern.test(uri))?.[1] ?? `{${uri}}`));

function toElement(tag: SaxesTagNS): XmlElement {
  return {
    name: canonicalPrefix(tag.uri) + tag.local,
    attribute: (local) => Object.values(tag.attributes).find((a) => a.local === local)?.value,
  };
}

const chunkBytes = 256 * 1024;

/**
 * The one well-formedness error let through: `]]>` in text. WordPress's exporter wrote nested
 * CDATA that way before it learned to split it, and its own importer reads such files.
 */
const tolerated = /^the string "\]\]>" is disallowed in char data/;

/** Reads `file` through `handler`, yielding its records as they are made. */
export async function* readXml<R>(file: string, handler: XmlHandler<R>, onProgress?: ProgressListener): AsyncGenerator<R> {
  const { size } = await stat(file);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const queue: R[] = [];
  const emit = (record: R) => void queue.push(record);
  const stack: string[] = [];
  let text = '';
  let failure: MalformedImport | undefined;
  parser.on('error', (e) => {
    const reason = e.message.replace(/^\d+:\d+: /, '');
    if (!tolerated.test(reason)) failure ??= new MalformedImport(parser.line, reason);
  });
  const atLine = (work: () => void) => {
    try {
      work();
    } catch (e) {
      throw e instanceof MalformedImport && e.line === 0 ? new MalformedImport(parser.line, e.reason) : e;
    }
  };
  parser.on('opentag', (tag) =>
    atLine(() => {
      const element = toElement(tag);
      handler.open(element, stack, emit);
      stack.push(element.name);
      text = '';
    }),
  );
  parser.on('text', (t) => void (text += t));
  parser.on('cdata', (t) => void (text += t));
  parser.on('closetag', () =>
    atLine(() => {
      const name = stack.pop()!;
      handler.close(name, text, stack, emit);
      text = '';
    }),
  );

  const decoder = new TextDecoder('utf-8');
  let bytesRead = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    yield* queue.splice(0);
    onProgress?.(bytesRead, size);
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  yield* queue.splice(0);
}
