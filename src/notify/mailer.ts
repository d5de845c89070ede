// The port every sender of mail uses. Implemented by notify/file-mailer.ts (the embedded
// default: each mail an .eml file under DATA_DIR/outbox) until SMTP delivery arrives.

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}
