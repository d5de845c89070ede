// Mail written as RFC 5322 .eml files under DATA_DIR/outbox: what Dateline does without
// SMTP_URL. Each file is written to a temporary name and renamed, so a reader never sees half.

import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../lib/clock.ts';
import type { Mail, Mailer } from './mailer.ts';

export class FileMailer implements Mailer {
  readonly #dir: string;
  readonly #from: string;
  readonly #clock: Clock;

  constructor(options: { dir: string; from: string; clock: Clock }) {
    this.#dir = options.dir;
    this.#from = options.from;
    this.#clock = options.clock;
  }

  async send(mail: Mail): Promise<void> {
    mkdirSync(this.#dir, { recursive: true });
    const id = randomUUID();
    const now = this.#clock.now();
    const encodedSubject = /^[\x20-\x7e]*$/.test(mail.subject) ? mail.subject : `=?UTF-8?B?${Buffer.from(mail.subject).toString('base64')}?=`;
    const eml = [
      `From: ${this.#from}`,
      `To: ${mail.to.replace(/[\r\n]/g, '')}`,
      `Subject: ${encodedSubject.replace(/[\r\n]/g, ' ')}`,
      `Date: ${now.toUTCString()}`,
      `Message-ID: <${id}@dateline>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      mail.text.replace(/\r?\n/g, '\r\n'),
      '',
    ].join('\r\n');
    const name = `${now.toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
    const tmp = join(this.#dir, `.${name}.tmp`);
    writeFileSync(tmp, eml, { mode: 0o600 });
    renameSync(tmp, join(this.#dir, name));
  }
}
