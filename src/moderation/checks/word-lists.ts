// The moderation and disallowed word lists: case-insensitive substring matches against every
// field a commenter controls, as WordPress matches them ("press" matches "WordPress").

import type { CheckContext, ModerationCheck } from '../check.ts';

/** The first listed word found in any field, with the field's name. */
export function findListedWord(words: readonly string[], ctx: CheckContext): { word: string; field: string } | undefined {
  const fields: [string, string][] = [
    ['name', ctx.draft.authorName],
    ['email', ctx.draft.authorEmail],
    ['website', ctx.draft.authorUrl ?? ''],
    ['comment', ctx.draft.bodyText],
    ['ip', ctx.ip],
    ['user agent', ctx.userAgent],
  ];
  for (const raw of words) {
    const word = raw.trim().toLocaleLowerCase();
    if (word === '') continue;
    for (const [field, value] of fields) {
      if (value.toLocaleLowerCase().includes(word)) return { word: raw.trim(), field };
    }
  }
  return undefined;
}

export const disallowedWords: ModerationCheck = {
  name: 'disallowed-words',
  run(ctx) {
    const hit = findListedWord(ctx.settings.disallowedWords, ctx);
    if (!hit) return undefined;
    return { status: 'spam', reason: { check: this.name, code: 'disallowed_word', detail: `“${hit.word}” in ${hit.field}` } };
  },
};

export const moderationWords: ModerationCheck = {
  name: 'moderation-words',
  run(ctx) {
    const hit = findListedWord(ctx.settings.moderationWords, ctx);
    if (!hit) return undefined;
    return { status: 'pending', reason: { check: this.name, code: 'moderation_word', detail: `“${hit.word}” in ${hit.field}` } };
  },
};
