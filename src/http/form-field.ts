// One field of a parsed form body or query string as a string: missing, repeated or odd values
// become '' or the first value, and nothing longer than `maxChars` gets through.

export function formField(source: unknown, name: string, maxChars = 2_000): string {
  if (typeof source !== 'object' || source === null) return '';
  const v = (source as Record<string, unknown>)[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.slice(0, maxChars) : '';
}
