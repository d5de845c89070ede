// startSmtpSink(t): the SMTP server process of smtp-sink-process.ts on a free loopback port,
// with every message it accepted parsed by mailparser. It can be stopped (connections are then
// refused) and started again on the same port, to play an outage.

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';

const script = new URL('./smtp-sink-process.ts', import.meta.url).pathname;

export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  /** Every message accepted so far, in order, across restarts. */
  messages(): Promise<ParsedMail[]>;
  /** Waits until at least `n` messages were accepted (fails after `ms`). */
  waitForMessages(n: number, ms?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startSmtpSink(t: TestContext, options: { refuse?: string } = {}): Promise<SmtpSink> {
  const raws: Buffer[] = [];
  let child: ChildProcess | undefined;
  let port = 0;

  async function start(): Promise<void> {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SMTP_SINK_REFUSE: options.refuse ?? '' },
    });
    child = proc;
    const lines = createInterface({ input: proc.stdout! });
    port = await new Promise<number>((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code}) before listening`)));
      lines.on('line', (line) => {
        const message = JSON.parse(line) as { listening?: number; raw?: string };
        if (message.listening) resolve(message.listening);
        if (message.raw) raws.push(Buffer.from(message.raw, 'base64'));
      });
    });
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  }

  await start();
  t.after(stop);
  const messages = () => Promise.all(raws.map((raw) => simpleParser(raw)));
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    async waitForMessages(n, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (raws.length < n) {
        if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${n} messages at the SMTP sink; it has ${raws.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages();
    },
    stop,
    start,
  };
}
