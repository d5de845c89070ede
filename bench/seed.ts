// Seeds a fresh data directory before the server starts: the model article, 50 approved
// comments (threaded, of realistic lengths, by different readers) and the Discussion settings
// the comment-posting run needs. Runs in the benchmark's own process through a separate
// createDateline on the same SQLite file, closed again before `dateline serve` opens it.
// Also builds the form bodies the posting run sends. Deterministic: same data every run.

import { readFileSync } from 'node:fs';
import { articlePath, type Article } from '../src/domain/article.ts';
import type { CommentId } from '../src/domain/ids.ts';
import { parseArticleFile } from '../src/articles/parse-article-file.ts';
import { KeyedHash } from '../src/lib/keyed-hash.ts';
import { renderCommentMarkdown } from '../src/lib/markdown.ts';
import { sql } from 'kysely';
import { createDateline, type Dateline } from '../src/main.ts';
import { testConfig } from '../test/support/build-test-app.ts';

/** The shared model article; read in place, never copied into the project. */
export const seedArticleFile = new URL('../../shared/fixtures/seed-article.md', import.meta.url);

export interface Seeded {
  readonly article: Article;
  readonly path: string;
  readonly commentIds: readonly CommentId[];
  /** Characters of comment text seeded, to describe the page. */
  readonly commentChars: number;
}

export interface SeededSite {
  /** One article per requested comment count, in the order asked. */
  readonly articles: readonly Seeded[];
  /** An article with no comments that receives the benchmark's POSTs (as WordPress's "sink" post). */
  readonly sink: Seeded;
}

/**
 * Seeds the model article once per entry of `commentCounts` (each its own slug, "-c50" and so on),
 * plus the POST target. Seeding runs with synchronous=OFF on its own connection (the server opens
 * its own, with FULL), so 10,000 comments take seconds, not minutes.
 */
export async function seedDataDir(dataDir: string, secret: string, commentCounts: readonly number[] = [50]): Promise<SeededSite> {
  const dateline = await createDateline(testConfig(dataDir, { logLevel: 'warn', secret }));
  try {
    await sql`pragma synchronous = OFF`.execute(dateline.database.db);
    const file = parseArticleFile(readFileSync(seedArticleFile, 'utf8'));
    const articles: Seeded[] = [];
    for (const count of commentCounts) {
      const { article } = await dateline.services.publishArticle({ ...file, slug: `${file.slug}-c${count}`, title: `${file.title} (${count} comments)` });
      articles.push(await seedComments(dateline, secret, article, count));
    }
    const { article: sinkArticle } = await dateline.services.publishArticle({ ...file, slug: 'comment-post-target', title: 'Comment POST target (benchmark)' });
    // Posting many comments from one address needs WordPress's flood interval (15 s) off, and
    // Dateline's rate limits too (a real site's load comes from many addresses); duplicates are
    // avoided by varying every body instead. Every other check runs.
    await dateline.stores.settings.saveDiscussion({ floodIntervalSeconds: 0, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0 });
    return { articles, sink: { article: sinkArticle, path: articlePath(sinkArticle), commentIds: [], commentChars: 0 } };
  } finally {
    await dateline.close();
  }
}

async function seedComments(dateline: Dateline, secret: string, article: Article, commentCount: number): Promise<Seeded> {
  const keyedHash = new KeyedHash(secret);
  const random = mulberry32(20261129);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const ids: CommentId[] = [];
  const depthOf = new Map<number, number>();
  // Spread over the time since publication (10,000 comments 10–90 minutes apart would run into the future).
  const spanMs = Math.max(1, Date.now() - article.publishedAt.getTime() - 60_000);
  const stepMs = Math.min(50 * 60_000, spanMs / Math.max(1, commentCount + 1));
  let at = article.publishedAt.getTime() + Math.min(20 * 60_000, stepMs);
  let chars = 0;
  for (let i = 0; i < commentCount; i++) {
    at += Math.round(stepMs * (0.2 + random() * 1.6)) / 1; // on average stepMs apart
    const author = authors[i % 7 === 3 ? (i * 5) % authors.length : i % authors.length]!; // some readers return
    // About a third are replies to an earlier comment, nested at most four deep.
    const recent = ids.length > 200 ? ids.slice(-200) : ids;
    const candidates = recent.filter((id) => (depthOf.get(id) ?? 0) < 3);
    const parentId = i > 2 && random() < 0.35 && candidates.length > 0 ? pick(candidates) : null;
    const bodyText = commentText(random, parentId !== null);
    chars += bodyText.length;
    const ip = `198.51.100.${(i * 37) % 254 + 1}`; // documentation range: fake by construction
    const comment = await dateline.stores.comments.insert({
      articleId: article.id,
      parentId,
      authorName: author.name,
      authorEmail: author.email,
      authorUrl: author.url,
      bodyText,
      bodyHtml: renderCommentMarkdown(bodyText),
      status: 'approved',
      reasons: [],
      ip,
      ipHash: keyedHash.hash('ip', ip),
      userAgent: pick(userAgents),
      createdAt: new Date(Math.min(at, Date.now() - 60_000)),
    });
    ids.push(comment.id);
    depthOf.set(comment.id, parentId === null ? 0 : (depthOf.get(parentId) ?? 0) + 1);
  }
  return { article, path: articlePath(article), commentIds: ids, commentChars: chars };
}

/**
 * The urlencoded form of the n-th posted comment: WordPress's field names, a new reader and a
 * new text each time (so neither the duplicate rule nor any per-author state repeats); every
 * fifth one replies to a seeded, approved comment.
 */
export function commentFormBody(n: number, seeded: Seeded): string {
  const random = mulberry32(n + 1);
  const parent = n % 5 === 4 && seeded.commentIds.length > 0 ? seeded.commentIds[n % seeded.commentIds.length]! : 0;
  return new URLSearchParams({
    comment: `${commentText(random, parent !== 0)} (${n})`,
    author: `Bench Reader ${n}`,
    email: `bench-reader-${n}@example.com`,
    url: n % 3 === 0 ? `https://reader-${n}.example.org/` : '',
    comment_post_ID: String(seeded.article.id),
    comment_parent: String(parent),
  }).toString();
}

// --- text ------------------------------------------------------------------------------------

/** 40 % one or two sentences, 40 % a paragraph, 20 % two or three paragraphs. */
function commentText(random: () => number, isReply: boolean): string {
  const sentences = (n: number) => Array.from({ length: n }, () => sentencePool[Math.floor(random() * sentencePool.length)]!).join(' ');
  const roll = random();
  let text: string;
  if (roll < 0.4) text = sentences(1 + Math.floor(random() * 2));
  else if (roll < 0.8) text = sentences(3 + Math.floor(random() * 3));
  else text = Array.from({ length: 2 + Math.floor(random() * 2) }, () => sentences(3 + Math.floor(random() * 3))).join('\n\n');
  if (isReply) text = `${replyOpeners[Math.floor(random() * replyOpeners.length)]!} ${text}`;
  if (random() < 0.1) text = `> ${quotes[Math.floor(random() * quotes.length)]!}\n\n${text}`;
  if (random() < 0.08) text += ' More background: https://www.example.org/analysis/korea-russia';
  return text;
}

const sentencePool = [
  'State media never mentions casualties, which tells you most of what you need to know.',
  'The choreography of these homecomings is the message; the soldiers are props in it.',
  'I would like to know how many did not come back, and whether their families were told.',
  'This is the first time Pyongyang has acknowledged the deployment at all, and that matters.',
  'Calling it “overseas service” is doing a lot of work in that sentence.',
  'Engineering and artillery support fits what Western intelligence reported last spring.',
  'Moscow gets manpower, Pyongyang gets hard currency, technology and combat experience.',
  'Sanctions look increasingly symbolic when two sanctioned states simply trade with each other.',
  'The domestic angle is underrated: a victory parade costs less than food imports.',
  'Defectors have said for months that families were not allowed to write to the soldiers.',
  'Combat experience is the one thing the Korean People’s Army could not get any other way.',
  'Seoul will be watching what these units learned about drones more than anything else.',
  'It is hard to verify any of this when the only footage comes from state television.',
  'I doubt participation was voluntary in any sense we would recognise.',
  'The medals ceremony looked rehearsed down to the last flower bouquet.',
  'This complicates any future talks on the peninsula; both sides have less reason to compromise.',
  'The article could have said more about what China thinks of this arrangement.',
  'Russia’s need for soldiers says something about how the war is going too.',
  'The timing, right before the party plenum, is surely not an accident.',
  'People forget that North Korea sent pilots to Vietnam and advisers to Syria as well.',
  'Whatever the numbers, the precedent of open deployment abroad is new.',
  'My relatives in Seoul mostly shrugged; they have heard this kind of boasting all their lives.',
  'Good reporting, but the headline undersells how unusual the admission is.',
  'If the soldiers were mainly in logistics, the “defending justice” language is quite a stretch.',
  'How do analysts estimate troop numbers when even the satellite imagery is ambiguous?',
  'Expect a new wave of songs and posters about the returning heroes within weeks.',
  'The partnership looks transactional to me, not strategic; it will last as long as the war.',
  'Watch the ammunition flows, not the parades; that is where the real cooperation is.',
  'I appreciate that the piece separates what state media claims from what is verified.',
  'Some of those troops will be the next generation of senior officers, which is worrying.',
];

const replyOpeners = [
  'Fair point, but', 'I agree.', 'Not sure that follows.', 'Exactly this.', 'Respectfully, no:',
  'Good question.', 'To add to that,', 'That was my first thought too.',
];

const quotes = [
  'defending justice beyond the homeland',
  'overseas service',
  'a source of pride',
];

interface Author {
  readonly name: string;
  readonly email: string;
  readonly url: string | null;
}

const authors: readonly Author[] = [
  ['Mina Park', null], ['Tom Whitfield', 'https://whitfield.example.net/'], ['Sung-ho Lee', null], ['Ingrid Solberg', null],
  ['Daniel Okafor', 'https://dokafor.example.com/blog/'], ['Hannah Becker', null], ['R. Castellanos', null], ['Yuki Tanaka', null],
  ['Oleksandr Marchenko', 'https://marchenko.example.org/'], ['Priya Raman', null], ['grumpy_analyst', null], ['Claire Dubois', null],
  ['Ji-woo Kim', null], ['Mark Feldman', 'https://feldman.example.com/'], ['Anonymous reader', null], ['Lucía Herrera', null],
  ['Ben Adeyemi', null], ['Sofia Lindqvist', 'https://lindqvist.example.se/'], ['Harold Pratt', null], ['Eun-ji Choi', null],
  ['Viktor Petrov', null], ['Amara Nwosu', null], ['Peter Grant', null], ['Natalia Kowalska', 'https://kowalska.example.pl/'],
  ['Sam Reyes', null], ['Fatima Haddad', null], ['George Lam', null], ['E. M. Roberts', null], ['Kenji Watanabe', null],
  ['Olivia Brennan', null], ['Dae-jung Yoon', null], ['Marta Silva', null],
].map(([name, url], i) => ({ name: name!, email: `${name!.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}.${i}@example.com`, url: url ?? null }));

const userAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
];

/** Small seeded PRNG, so every run seeds and posts the same texts. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
