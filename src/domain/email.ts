// Email address syntax, as WordPress's is_email() accepts it (not RFC 5322, on purpose:
// the same addresses pass here as on the WordPress sites our readers come from).

const localPart = /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const label = /^[a-z0-9-]+$/i;

export function isEmail(email: string): boolean {
  if (email.length < 6) return false;
  const at = email.indexOf('@', 1);
  if (at === -1) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!localPart.test(local)) return false;
  if (domain.includes('..')) return false;
  if (domain !== domain.trim() || domain.startsWith('.') || domain.endsWith('.')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => l.length > 0 && label.test(l) && !l.startsWith('-') && !l.endsWith('-'));
}

/** The form stored and compared: addresses differ by case only in theory. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
