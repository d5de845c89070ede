// The order moderation checks run in, readable in one place. Refusals come first (they throw),
// then the silent spam verdict, then the policies that hold a comment for review. (A closed
// article and broken fields are refused before screening, in submit-comment.ts.)

import type { ModerationCheck } from './check.ts';
import { parentValid } from './checks/parent-valid.ts';
import { banned, premoderated } from './checks/commenter-rules.ts';
import { duplicate } from './checks/duplicate.ts';
import { flood } from './checks/flood.ts';
import { disallowedWords, moderationWords } from './checks/word-lists.ts';
import { holdAll } from './checks/hold-all.ts';
import { linkCount } from './checks/link-count.ts';
import { firstTimeCommenter } from './checks/first-time-commenter.ts';
import { profanity } from './checks/profanity.ts';
import { likelySpam } from './checks/likely-spam.ts';
import { botSignals } from './checks/bot-signals.ts';
import { rateLimit } from './checks/rate-limit.ts';

export const checkOrder: readonly ModerationCheck[] = [
  // Refuse outright (the reader sees why and keeps their text)
  banned,
  parentValid,
  duplicate,
  flood,
  rateLimit,
  // Spam silently (the reader is told nothing a spammer could learn from)
  disallowedWords,
  // Hold for review (every reason is recorded for the moderator)
  botSignals,
  holdAll,
  premoderated,
  linkCount,
  moderationWords,
  profanity,
  likelySpam,
  firstTimeCommenter,
];

/**
 * What screens a commenter's edit of their own comment: the same order, without the checks that
 * judge the act of posting rather than the text (a reply's parent, a double post, flood, rate
 * limits, bot signals from the form). An edit has its own limits instead: the edit window and
 * maxEditsPerComment (domain/own-comment.ts).
 */
const postingOnly = new Set([parentValid.name, duplicate.name, flood.name, rateLimit.name, botSignals.name]);
export const editCheckOrder: readonly ModerationCheck[] = checkOrder.filter((check) => !postingOnly.has(check.name));
