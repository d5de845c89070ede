// Holds a comment with profanity in its text or name, disguised spellings included: obscenity's
// English word list and transformers ("sh1t", "fuuuck", "ƒuck"), plus letters spaced out
// ("f u c k", "f.u.c.k"). The reason names each word only by its first letter.

import { DataSet, RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import type { CheckContext, ModerationCheck } from '../check.ts';

/**
 * Words a news discussion uses in earnest (crimes, health, anatomy) or that are everyday names
 * ("Dick", the blue tit, a rugby hooker, scat singing): holding them would fill the queue.
 */
const newsroomWords = new Set(['anal', 'anus', 'bestiality', 'ejaculate', 'incest', 'masturbate', 'orgasm', 'penis', 'porn', 'rape', 'semen', 'sex', 'vagina', 'dick', 'tit', 'hooker', 'scat']);
const harmlessTerms = ['shiitake', 'cum laude', 'magna cum', 'summa cum', 'van dyke', 'retardant'];

const dataset = new DataSet<{ originalWord: string }>()
  .addAll(englishDataset)
  .removePhrasesIf((phrase) => newsroomWords.has(phrase.metadata?.originalWord ?? ''))
  .addPhrase((phrase) => harmlessTerms.reduce((p, term) => p.addWhitelistedTerm(term), phrase.setMetadata({ originalWord: '' })));
const matcher = new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });
// Three or more single letters separated by spaces or punctuation: "f u c k", "s.h.i.t".
const spacedLetters = /(?<![\p{L}\p{N}])\p{L}(?:[\s.\-_*+]{1,3}\p{L}){2,}(?![\p{L}\p{N}])/gu;

/** The profane words found (each word family once), as their first letter and stars. */
export function findProfanity(text: string): string[] {
  const joined = text.replace(spacedLetters, (run) => run.replace(/[^\p{L}]/gu, ''));
  const words = new Set<string>();
  for (const match of matcher.getAllMatches(joined, true)) {
    // Digits alone are numbers, not a disguised word: "455 votes" reads "ass" through the leet transformer.
    if (!/\p{L}/u.test(joined.slice(match.startIndex, match.endIndex + 1))) continue;
    const word = dataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
    if (word) words.add(word);
  }
  return [...words].map(masked);
}

function masked(word: string): string {
  return word.slice(0, 1) + word.slice(1).replace(/\S/g, '*');
}

function describe(ctx: CheckContext): string | undefined {
  const found = [
    ['comment', findProfanity(ctx.draft.bodyText)],
    ['name', findProfanity(ctx.draft.authorName)],
  ] as const;
  const parts = found.filter(([, words]) => words.length > 0).map(([field, words]) => `${words.join(', ')} in ${field}`);
  return parts.length > 0 ? `profanity: ${parts.join('; ')}` : undefined;
}

export const profanity: ModerationCheck = {
  name: 'profanity',
  run(ctx) {
    if (!ctx.settings.holdProfanity) return undefined;
    const detail = describe(ctx);
    if (!detail) return undefined;
    return { status: 'pending', reason: { check: this.name, code: 'profanity', detail } };
  },
};
