// A Server-Sent Events reader for tests: opens a stream over a raw http.get (no EventSource in
// Node 20), parses events as they arrive, and waits for a condition with a deadline.

import { get, type IncomingMessage } from 'node:http';
import type { TestContext } from 'node:test';

export interface ServerSentEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

export interface EventStream {
  readonly response: IncomingMessage;
  readonly events: ServerSentEvent[];
  /** Everything received, comments and retry lines included. */
  raw(): string;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  waitFor(what: string, check: (events: ServerSentEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Parses complete events out of `text`; returns them and the incomplete rest. */
export function parseEvents(text: string): { events: ServerSentEvent[]; rest: string } {
  const blocks = text.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: ServerSentEvent[] = [];
  for (const block of blocks) {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon === 0) continue; // a comment (heartbeat)
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ id, event, data: data.join('\n') });
  }
  return { events, rest };
}

/** Opens `url` as an event stream; closed when the test ends. */
export function openEventStream(t: Pick<TestContext, 'after'>, url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const events: ServerSentEvent[] = [];
      let raw = '';
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        raw += chunk;
        const parsed = parseEvents(pending + chunk);
        pending = parsed.rest;
        events.push(...parsed.events);
      });
      const ended = new Promise<void>((done) => response.once('close', () => done()));
      const stream: EventStream = {
        response,
        events,
        raw: () => raw,
        ended,
        async waitFor(what, check, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          while (!check(events)) {
            if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => [e.id, e.event]))}`);
            await new Promise((r) => setTimeout(r, 20));
          }
        },
        close: () => request.destroy(),
      };
      t.after(() => stream.close());
      resolve(stream);
    });
    request.on('error', reject);
  });
}
