// Fuzzing the threading on SQLite and PostgreSQL: fast-check generates a sequence of what readers
// and staff do to one article's discussion — post, reply to any comment (whatever its status),
// approve/hold/spam/trash/restore, delete one's own, erase a commenter — and after it the public
// thread (the page's listing and the JSON API) is the tree thread.ts promises: every approved
// comment exactly once, no cycle, depth within the site's limit, a reply under its parent (or,
// past the depth limit, beside it; or at the top when its parent is not shown), and every count
// a reader sees equals the approved rows counted with SQL.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { parseArticleFile } from '../../src/articles/parse-article-file.ts';
import type { Article } from '../../src/domain/article.ts';
import { isAppError } from '../../src/domain/errors.ts';
import { commentId } from '../../src/domain/ids.ts';
import type { ModerationAction } from '../../src/domain/moderation.ts';
import type { ThreadNode } from '../../src/domain/thread.ts';
import { seedArticlePath } from '../support/build-test-app.ts';
import { dialects, fuzzParameters, fuzzRuns, fuzzSite, skipPostgres } from '../support/fuzz.ts';

const threadDepth = 3;
const settings = { requirePreviouslyApproved: false, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0, floodIntervalSeconds: 0, holdProfanity: false, spamHoldPercent: 0, maxLinks: 2, moderationWords: ['holdme'], threadDepth, editWindowMinutes: 15 };
const emails = ['ada@example.org', 'bo@example.org', 'cy@example.org'];

type Command =
  | { kind: 'post'; author: number; held: boolean }
  | { kind: 'reply'; author: number; held: boolean; to: number }
  | { kind: 'moderate'; action: ModerationAction; of: number }
  | { kind: 'delete-own'; of: number }
  | { kind: 'erase'; author: number; deleteComments: boolean }
  | { kind: 'wait'; minutes: number };

// `to` and `of` pick among the comments existing when the command runs (modulo their number).
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('post' as const), author: fc.nat(2), held: fc.constantFrom(false, false, false, true) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('reply' as const), author: fc.nat(2), held: fc.constantFrom(false, false, false, true), to: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('moderate' as const), action: fc.constantFrom<ModerationAction>('approve', 'hold', 'spam', 'trash', 'restore'), of: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete-own' as const), of: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), author: fc.nat(2), deleteComments: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 20 }) }) },
);

/** Refusals a sequence may meet (a reply to a comment that is not approved, a transition that does not apply…); anything else fails the property. */
const expectedRefusals = new Set(['parent_invalid', 'transition_not_allowed', 'comment_not_found', 'edit_window_closed', 'duplicate_comment']);

type Site = Awaited<ReturnType<typeof fuzzSite>>;

async function run(site: Site, article: Article, commands: readonly Command[], tag: string): Promise<void> {
  const { services } = site.dateline;
  const ids: number[] = [];
  let n = 0;
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (e) {
      if (!isAppError(e) || !expectedRefusals.has(e.code)) throw e;
    }
  };
  for (const c of commands) {
    const pick = (k: number) => commentId(ids[k % ids.length]!);
    if (c.kind === 'post' || c.kind === 'reply') {
      if (c.kind === 'reply' && ids.length === 0) continue;
      const text = `${tag} comment ${++n}${c.held ? ' holdme' : ''}`;
      await attempt(async () => {
        const { comment } = await services.submitComment({ articleId: article.id, parentId: c.kind === 'reply' ? pick(c.to) : null, authorName: `Reader ${c.author}`, authorEmail: `${tag}.${emails[c.author]}`, authorUrl: '', bodyText: text, ip: `192.0.2.${c.author + 1}`, userAgent: 'fuzz' });
        ids.push(comment.id);
      });
    } else if (c.kind === 'moderate' && ids.length > 0) await attempt(() => services.moderateComment({ commentId: pick(c.of), action: c.action, actor: 'shell:fuzz' }));
    else if (c.kind === 'delete-own' && ids.length > 0) await attempt(() => services.deleteOwnComment({ commentId: pick(c.of) }));
    else if (c.kind === 'erase') await attempt(() => services.yourData.eraseFor(`${tag}.${emails[c.author]}`, { deleteComments: c.deleteComments, actor: 'shell:fuzz' }));
    else if (c.kind === 'wait') site.clock.advance(c.minutes * 60);
  }
}

/** The article's comments as stored, read with SQL (not through the code under test). */
async function storedComments(site: Site, article: Article) {
  const rows = await site.dateline.database.db.selectFrom('comments').select(['id', 'parent_id', 'status']).where('article_id', '=', article.id).execute();
  return new Map(rows.map((r) => [Number(r.id), { parentId: r.parent_id === null ? null : Number(r.parent_id), status: r.status }]));
}

async function assertValidThread(site: Site, article: Article): Promise<void> {
  const stored = await storedComments(site, article);
  const approved = new Set([...stored].filter(([, c]) => c.status === 'approved').map(([id]) => id));
  const counted = await sql<{ n: number }>`select count(*) as n from comments where article_id = ${article.id} and status = 'approved'`.execute(site.dateline.database.db);
  const approvedBySql = Number(counted.rows[0]!.n);

  // No cycle among the stored parents: every chain ends at a top-level comment.
  for (const id of stored.keys()) {
    const seen = new Set<number>();
    for (let at: number | null = id; at !== null; at = stored.get(at)?.parentId ?? null) {
      assert.ok(!seen.has(at), `comment ${id}'s parents loop`);
      seen.add(at);
    }
  }
  const isAncestor = (ancestor: number, id: number) => {
    for (let at = stored.get(id)?.parentId ?? null; at !== null; at = stored.get(at)?.parentId ?? null) if (at === ancestor) return true;
    return false;
  };

  // The page's listing: each approved comment once, placed as thread.ts places it.
  const discussion = await site.dateline.services.listDiscussion(article);
  const shown = new Set<number>();
  type Shown = ThreadNode<{ id: number; parentId: number | null; status: string }>;
  const visit = (nodes: readonly Shown[], holder: Shown | null) => {
    for (const node of nodes) {
      const { id, parentId, status } = node.comment;
      assert.ok(!shown.has(id), `comment ${id} is shown twice`);
      shown.add(id);
      assert.equal(status, 'approved', `comment ${id} shown while ${status}`);
      assert.ok(node.depth >= 1 && node.depth <= threadDepth, `comment ${id} at depth ${node.depth}`);
      if (holder === null) {
        assert.equal(node.depth, 1);
        assert.ok(parentId === null || !approved.has(parentId), `reply ${id} is at the top though its parent ${parentId} is shown`);
      } else if (node.depth === holder.depth + 1) {
        // Under its parent, or past the depth limit under the deepest ancestor shown at the limit's edge.
        assert.ok(parentId === holder.comment.id || (node.depth === threadDepth && isAncestor(holder.comment.id, id)), `reply ${id} (parent ${parentId}) is under ${holder.comment.id}`);
      } else assert.fail(`comment ${id} at depth ${node.depth} under a comment at depth ${holder.depth}`);
      visit(node.replies, node);
    }
  };
  visit(discussion.thread, null);
  assert.deepEqual([...shown].sort((a, b) => a - b), [...approved].sort((a, b) => a - b), 'the page shows exactly the approved comments');
  assert.equal(discussion.approvedCount, approvedBySql, 'the page’s count');

  // The JSON API's thread and the counts other sites ask for.
  const res = await site.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments?limit=100` });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  const page = res.json() as { comments: { id: number; depth: number; replies: { id: number; depth: number }[] }[]; approvedCount: number };
  const apiIds = page.comments.flatMap((c) => [c, ...c.replies]).map((c) => c.id);
  assert.equal(new Set(apiIds).size, apiIds.length, 'the API lists no comment twice');
  assert.deepEqual([...apiIds].sort((a, b) => a - b), [...approved].sort((a, b) => a - b), 'the API lists exactly the approved comments');
  assert.ok(page.comments.flatMap((c) => c.replies).every((r) => r.depth > 1 && r.depth <= threadDepth), 'API depths within the limit');
  assert.equal(page.approvedCount, approvedBySql, 'the API’s count');
  const counts = await site.dateline.services.commentCounts.forIds([article.id]);
  assert.equal(counts.get(article.id), approvedBySql, 'the counts service');
  const html = (await site.app.inject(`/${article.publishedAt.toISOString().slice(0, 10).replaceAll('-', '/')}/${article.slug}/`)).body;
  const m = /(No|One|\d+) comments? (yet )?on “/.exec(html);
  assert.ok(m, 'the article page shows its count');
  assert.equal(m[1] === 'No' ? 0 : m[1] === 'One' ? 1 : Number(m[1]), approvedBySql, 'the article page’s count');
}

for (const dialect of dialects) {
  describe(`${dialect}: threading under random posts and moderation`, async () => {
    const skip = await skipPostgres(dialect);
    it('leaves a valid thread and true counts after any sequence', { skip }, async (t) => {
      const site = await fuzzSite(t, dialect, settings);
      const seed = readFileSync(seedArticlePath, 'utf8');
      let runNo = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 8, maxLength: 40 }), async (commands) => {
          const tag = `r${++runNo}`;
          const { article } = await site.dateline.services.publishArticle({ ...parseArticleFile(seed), slug: `fuzz-thread-${dialect}-${runNo}`, publishedAt: site.clock.now() });
          await run(site, article, commands, tag);
          await assertValidThread(site, article);
        }),
        fuzzParameters(fuzzRuns(12, 10)),
      );
      // The sequences reached what they are meant to test: replies, and every status.
      const { rows } = await sql<{ status: string; replies: number; n: number }>`select status, count(parent_id) as replies, count(*) as n from comments group by status`.execute(site.dateline.database.db);
      const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      t.diagnostic(`${dialect}: ${runNo} sequences left ${JSON.stringify(by)} comments, ${rows.reduce((a, r) => a + Number(r.replies), 0)} of them replies`);
      for (const status of ['approved', 'pending', 'spam', 'trash']) assert.ok((by[status] ?? 0) > 0, `some comment ended ${status}`);
    });
  });
}
