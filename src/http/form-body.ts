// The application/x-www-form-urlencoded parser every form post goes through (given to
// @fastify/formbody in app.ts). Stricter than the default: a body that is not UTF-8 text is
// refused with 400 instead of being stored as "%E9" or silently mended, and what the reader
// wrote is carried on the error so the error page can show it again.

/** Field name → value, or values when repeated; no prototype, so `__proto__` is just a name. */
export type FormFields = Record<string, string | string[]>;

/** A form the site cannot read as text; `keptComment` is the reader's comment, mended for display. */
export class UnreadableForm extends Error {
  readonly statusCode = 400;
  constructor(
    readonly reason: 'not_utf8' | 'nul' | 'bracketed_name',
    readonly keptComment: string,
  ) {
    super(`form body refused: ${reason}`);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * Parses a urlencoded body. Refused: bytes that are not UTF-8 (raw, or percent-encoded as by a
 * latin1 page), NUL characters (never typed; a probe or a broken client), and PHP-style
 * bracketed names (`comment[]`, `comment[a]`), which no Dateline form sends.
 */
export function parseFormBody(body: string): FormFields {
  const fields: FormFields = Object.create(null) as FormFields;
  // Raw non-ASCII bytes are already text here, so a U+FFFD can only come from invalid bytes.
  let problem: UnreadableForm['reason'] | null = body.includes('\uFFFD') ? 'not_utf8' : null;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq === -1 ? '' : pair.slice(eq + 1));
    problem ??= problemWith(name, value);
    const previous = fields[name.text];
    fields[name.text] = previous === undefined ? value.text : [...(Array.isArray(previous) ? previous : [previous]), value.text];
  }
  if (problem !== null) throw new UnreadableForm(problem, keptComment(fields));
  return fields;
}

function problemWith(name: { text: string; invalid: boolean }, value: { text: string; invalid: boolean }): UnreadableForm['reason'] | null {
  if (name.invalid || value.invalid) return 'not_utf8';
  if (name.text.includes('\u0000') || value.text.includes('\u0000')) return 'nul';
  return /\[[^\]]*\]$/.test(name.text) ? 'bracketed_name' : null;
}

/** The comment as the reader would recognise it: `comment`, or its bracketed variants, without NULs. */
function keptComment(fields: FormFields): string {
  const texts = Object.keys(fields)
    .filter((name) => name === 'comment' || name.startsWith('comment['))
    .flatMap((name) => fields[name] ?? []);
  return texts.join('\n\n').replaceAll('\u0000', '');
}

/** `+` is a space and `%XX` a byte; a `%` not followed by two hex digits stays as typed. */
function decodeComponent(raw: string): { text: string; invalid: boolean } {
  const plain = raw.replaceAll('+', ' ');
  if (!plain.includes('%')) return { text: plain, invalid: false };
  // split with a capture group: odd indexes are the %XX escapes, even ones the text between.
  const bytes = Buffer.concat(plain.split(/(%[0-9a-fA-F]{2})/).map((part, i) => (i % 2 === 1 ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8'))));
  try {
    return { text: strictUtf8.decode(bytes), invalid: false };
  } catch {
    return { text: lenientUtf8.decode(bytes), invalid: true };
  }
}
