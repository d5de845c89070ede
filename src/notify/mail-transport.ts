// The port that hands one finished mail to the world: SMTP, or an .eml file without SMTP_URL.
// Implemented in src/mail/.

export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `<id@host>`, fixed when the mail was queued: a retry after a crash keeps it, so receivers can drop a repeat. */
  readonly messageId: string;
  readonly unsubscribeUrl: string | null;
  readonly attachment: { readonly name: string; readonly json: string } | null;
}

export interface MailTransport {
  /** Resolves once the mail is accepted; throws MailDeliveryError (or anything) when not. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** A refusal with its reason; `permanent` when trying again cannot help (an SMTP 5xx answer). */
export class MailDeliveryError extends Error {
  readonly permanent: boolean;
  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.permanent = options.permanent;
  }
}
