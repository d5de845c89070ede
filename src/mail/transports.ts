// The two ways a mail leaves Dateline, both built by nodemailer so the bytes are the same:
// SMTP (SMTP_URL), or an .eml file under DATA_DIR/outbox (the embedded default), written to a
// temporary name and renamed so nothing ever reads half a mail.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from '../notify/mail-transport.ts';

function message(mail: OutgoingMail): SendMailOptions {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    attachments: mail.attachment ? [{ filename: mail.attachment.name, content: mail.attachment.json, contentType: 'application/json; charset=utf-8' }] : [],
    headers: {
      // Automatic mail: out-of-office replies should not answer it (RFC 3834).
      'Auto-Submitted': 'auto-generated',
      // RFC 8058: a mail client may unsubscribe with one POST to this address, no page visit.
      ...(mail.unsubscribeUrl ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
  };
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      try {
        await transporter.sendMail(message(mail));
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        throw new MailDeliveryError(e instanceof Error ? e.message : String(e), { permanent: typeof code === 'number' && code >= 500 && code < 600, cause: e });
      }
    },
    async close() {
      transporter.close();
    },
  };
}

export function fileTransport(dir: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
  return {
    async send(mail) {
      const info = (await builder.sendMail(message(mail))) as unknown as { message: Buffer };
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}.eml`;
      const tmp = join(dir, `.${name}.tmp`);
      writeFileSync(tmp, info.message, { mode: 0o600 });
      renameSync(tmp, join(dir, name));
    },
    async close() {},
  };
}
