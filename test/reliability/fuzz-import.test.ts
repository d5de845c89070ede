// Fuzzing the importers on SQLite and PostgreSQL with generated WordPress (WXR 1.0–1.2, http and
// https namespaces) and Disqus files: well-formed ones with missing fields, repeated ids, parents
// that are missing, later, the comment itself or on another thread, odd dates and any Unicode;
// and broken ones (cut at any byte, stray bytes, bad entities, unclosed tags, the wrong root).
// An import either fails with its own MalformedImport (a line number and a reason) and leaves
// every table as it was, or succeeds with a report whose counts are the rows it added, a thread
// without loops, and a second run that adds nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { ImportReport } from '../../src/import/import-report.ts';
import { MalformedImport } from '../../src/import/xml-stream.ts';
import { dialects, fuzzParameters, fuzzRuns, fuzzSite, skipPostgres } from '../support/fuzz.ts';

type Site = Awaited<ReturnType<typeof fuzzSite>>;
const tables = ['articles', 'comments', 'staff', 'tags', 'article_tags', 'article_revisions', 'import_sources', 'import_pending_parents', 'old_urls'] as const;

async function rowCounts(site: Site): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(site.dateline.database.db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

// Text that XML can carry (no controls but tab and newlines, no lone surrogates), escaped or in CDATA.
const xmlText = fc.string({ unit: fc.oneof(fc.constantFrom('a', ' ', '\n', '\t', '<', '>', '&', '"', "'", ']', 'é', '😀', '\u2028', '\ufffd', '\u00a0'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 30 }).map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
const escaped = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const content = fc.oneof(xmlText.map(escaped), xmlText.map((s) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`), fc.constantFrom('<![CDATA[<p>Hello <script>alert(1)</script><a href="javascript:x">x</a></p>]]>', '&lt;b&gt;bold&lt;/b&gt;', '&#x1F600; &#233;', ''), fc.nat(3).map((k) => 'Long comment. '.repeat(k * 2000)));
const wpDate = fc.constantFrom('2020-01-02 03:04:05', '0000-00-00 00:00:00', '', '2020-13-45 99:99:99', 'yesterday', '1969-12-31 23:59:59', '9999-12-31 23:59:59');
const maybe = (name: string, value: fc.Arbitrary<string>) => fc.option(value.map((v) => `<${name}>${v}</${name}>`), { nil: '' });

const wxrComment = (idRange: number) =>
  fc.tuple(fc.integer({ min: 1, max: idRange }), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: idRange + 2 })), fc.constantFrom('1', '0', 'spam', 'trash', 'post-trashed', 'approve', ''), fc.constantFrom('', 'comment', 'pingback', 'trackback', 'note'), content, xmlText, wpDate, fc.constantFrom('192.0.2.1', '2001:db8::1', 'x', ''), fc.constantFrom('reader@example.org', 'NOT AN EMAIL', '')).map(
    ([id, parent, approved, type, body, author, date, ip, email]) =>
      `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${escaped(author)}</wp:comment_author><wp:comment_author_email>${email}</wp:comment_author_email><wp:comment_author_IP>${ip}</wp:comment_author_IP><wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content>${body}</wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type>${type}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`,
  );

const wxrItem = fc.tuple(fc.integer({ min: 1, max: 4 }), xmlText, fc.constantFrom('publish', 'draft', 'trash', 'future', 'inherit', ''), fc.constantFrom('post', 'page', 'attachment', ''), wpDate, content, fc.array(wxrComment(6), { maxLength: 6 }), fc.boolean(), xmlText).map(
  ([postId, title, status, type, date, body, comments, withId, category]) =>
    `<item><title>${escaped(title)}</title><link>https://old.example/?p=${postId}</link><dc:creator>writer</dc:creator><content:encoded>${body}</content:encoded>${withId ? `<wp:post_id>${postId}</wp:post_id>` : ''}<wp:post_date_gmt>${date}</wp:post_date_gmt><wp:status>${status}</wp:status><wp:post_type>${type}</wp:post_type><category domain="category" nicename="c"><![CDATA[${category.replaceAll(']]>', '')}]]></category>${comments.join('')}</item>`,
);

const wxrDocument = fc.tuple(fc.constantFrom('1.0', '1.1', '1.2'), fc.constantFrom('http', 'https'), fc.array(wxrItem, { maxLength: 4 }), maybe('wp:base_site_url', fc.constant('https://old.example'))).map(
  ([version, scheme, items, base]) =>
    `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="${scheme}://wordpress.org/export/${version}/excerpt/" xmlns:content="${scheme}://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="${scheme}://wordpress.org/export/${version}/">\n<channel><title>Old</title><link>https://old.example</link><wp:wxr_version>${version}</wp:wxr_version>${base}\n<wp:author><wp:author_login>writer</wp:author_login><wp:author_email>writer@old.example</wp:author_email></wp:author>\n${items.join('\n')}\n</channel></rss>\n`,
);

const isoDate = fc.constantFrom('2013-10-10T19:20:29Z', '2013-10-11T06:51:33+02:00', '', 'not a date', '2013-10-10');
const disqusDocument = fc.tuple(fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), xmlText, isoDate, fc.boolean()), { maxLength: 3 }), fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 9 }), content, isoDate, fc.boolean(), fc.boolean(), xmlText), { maxLength: 10 })).map(
  ([threads, posts]) =>
    `<?xml version="1.0"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n${threads.map(([id, title, date, closed]) => `<thread dsq:id="T${id}"><link>https://old.example/thread-${id}/</link><title>${escaped(title)}</title><createdAt>${date}</createdAt><isClosed>${closed}</isClosed></thread>`).join('\n')}\n${posts
      .map(([id, thread, parent, message, date, deleted, spam, name]) => `<post dsq:id="P${id}"><message>${message}</message><createdAt>${date}</createdAt><isDeleted>${deleted}</isDeleted><isSpam>${spam}</isSpam><author><name>${escaped(name)}</name><email>reader@example.org</email></author><ipAddress>192.0.2.9</ipAddress>${thread ? `<thread dsq:id="T${thread}"/>` : ''}${parent ? `<parent dsq:id="P${parent}"/>` : ''}</post>`)
      .join('\n')}\n</disqus>\n`,
);

/** Ways a file gets broken: cut short, stray bytes, a bad entity, an unclosed tag, the wrong root. */
const broken = (doc: fc.Arbitrary<string>) =>
  fc.tuple(doc, fc.nat(), fc.constantFrom('cut', 'bytes', 'entity', 'unclosed', 'root', 'none'), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([text, at, how, stray]): Buffer => {
    const bytes = Buffer.from(text);
    const i = at % (bytes.length + 1);
    if (how === 'cut') return bytes.subarray(0, i);
    if (how === 'bytes') return Buffer.concat([bytes.subarray(0, i), Buffer.from(stray), bytes.subarray(i)]);
    const tagEnd = text.indexOf('>', text.indexOf('<channel') >= 0 ? text.indexOf('<channel') : text.indexOf('<disqus')) + 1;
    if (how === 'entity') return Buffer.from(text.slice(0, tagEnd) + '&bogus;' + text.slice(tagEnd));
    if (how === 'unclosed') return Buffer.from(text.slice(0, tagEnd) + '<item><title>' + text.slice(tagEnd));
    if (how === 'root') return Buffer.from(text.replace(/<(rss|disqus)\b/, '<feed').replace(/<\/(rss|disqus)>/, '</feed>'));
    return bytes;
  });

/** The comments' parents never loop and stay on their comment's article. */
async function assertThreadsSound(site: Site): Promise<void> {
  const db = site.dateline.database.db;
  const cross = await sql<{ n: number }>`select count(*) as n from comments c join comments p on p.id = c.parent_id where p.article_id <> c.article_id`.execute(db);
  assert.equal(Number(cross.rows[0]!.n), 0, 'a reply on another article than its parent');
  const rows = await db.selectFrom('comments').select(['id', 'parent_id']).execute();
  const parent = new Map(rows.map((r) => [Number(r.id), r.parent_id === null ? null : Number(r.parent_id)]));
  for (const id of parent.keys()) {
    const seen = new Set<number>();
    for (let at: number | null = id; at !== null; at = parent.get(at) ?? null) {
      assert.ok(!seen.has(at), `comment ${id}'s parents loop`);
      seen.add(at);
    }
  }
}

function assertReportMatches(report: ImportReport, before: Record<string, number>, after: Record<string, number>): void {
  const c = report.created;
  assert.equal(after.articles! - before.articles!, c.articles, 'articles created');
  assert.equal(after.comments! - before.comments!, c.comments + c.pingbacks + c.trackbacks, 'comments created');
  assert.equal(after.staff! - before.staff!, c.staff, 'staff created');
  assert.equal(after.old_urls! - before.old_urls!, c.redirects, 'old addresses created');
  assert.equal(after.import_pending_parents, 0, 'no deferred parent left behind');
  assert.equal(Object.values(report.statuses).reduce((a, b) => a + b, 0), c.comments + c.pingbacks + c.trackbacks, 'statuses add up');
}

const formats = [
  { format: 'wxr' as const, document: wxrDocument },
  { format: 'disqus' as const, document: disqusDocument },
];

describe('counterexamples the fuzzing found', () => {
  it('keeps no loop and no parent on another thread: a self-reply, two comments answering each other, a Disqus reply across threads', async (t) => {
    const site = await fuzzSite(t, 'sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'dateline-fuzz-import-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const comment = (id: number, parent: number) => `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_content>Comment ${id}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
    const wxr = join(dir, 'loops.xml');
    writeFileSync(wxr, `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://loops.example</link><item><title>Loops</title><wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${comment(1, 1)}${comment(2, 3)}${comment(3, 2)}${comment(4, 3)}</item></channel></rss>`);
    const report = await site.dateline.services.importFile({ format: 'wxr', file: wxr });
    assert.equal(report.created.comments, 4);
    const disqus = join(dir, 'across.xml');
    const post = (id: string, thread: string, parent: string) => `<post dsq:id="${id}"><message>${id}</message><createdAt>2013-10-10T19:20:29Z</createdAt><thread dsq:id="${thread}"/>${parent ? `<parent dsq:id="${parent}"/>` : ''}</post>`;
    writeFileSync(disqus, `<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="A"><link>https://across.example/a/</link></thread><thread dsq:id="B"><link>https://across.example/b/</link></thread>${post('p1', 'A', '')}${post('p2', 'B', 'p1')}${post('p3', 'A', 'p4')}${post('p4', 'B', '')}</disqus>`);
    assert.equal((await site.dateline.services.importFile({ format: 'disqus', file: disqus, createStubs: true })).created.comments, 4);
    await assertThreadsSound(site);
    const { rows } = await sql<{ body_text: string; parent: string | null }>`select c.body_text, p.body_text as parent from comments c left join comments p on p.id = c.parent_id order by c.id`.execute(site.dateline.database.db);
    assert.deepEqual(rows.map((r) => [r.body_text, r.parent]), [['Comment 1', null], ['Comment 2', null], ['Comment 3', 'Comment 2'], ['Comment 4', 'Comment 3'], ['p1', null], ['p2', null], ['p3', null], ['p4', null]]);
  });
});

for (const dialect of dialects) {
  describe(`${dialect}: importing generated files`, async () => {
    const skip = await skipPostgres(dialect);
    for (const { format, document } of formats) {
      it(`${format}: fails whole with a line number, or imports exactly what it reports, once`, { skip }, async (t) => {
        const site = await fuzzSite(t, dialect);
        const dir = mkdtempSync(join(tmpdir(), 'dateline-fuzz-import-'));
        t.after(() => rmSync(dir, { recursive: true, force: true }));
        let runNo = 0;
        const outcomes = { imported: 0, refused: 0 };
        await fc.assert(
          fc.asyncProperty(fc.oneof(document.map((d) => Buffer.from(d)), broken(document)), async (bytes) => {
            // A source address of its own per run, so earlier runs' imports are not "already imported".
            const file = join(dir, `run-${++runNo}.xml`);
            writeFileSync(file, Buffer.from(bytes.toString('latin1').replaceAll('old.example', `run${runNo}.example`).replace(/dsq:id="([TP])/g, `dsq:id="r${runNo}$1`), 'latin1'));
            const before = await rowCounts(site);
            let report: ImportReport;
            try {
              report = await site.dateline.services.importFile({ format, file, createStubs: true });
            } catch (e) {
              assert.ok(e instanceof MalformedImport, `failed with ${String(e)}`);
              assert.ok(e.line >= 1, `a line number: ${e.message}`);
              assert.deepEqual(await rowCounts(site), before, 'a failed import changes nothing');
              outcomes.refused++;
              return;
            }
            outcomes.imported++;
            const after = await rowCounts(site);
            assertReportMatches(report, before, after);
            await assertThreadsSound(site);
            const again = await site.dateline.services.importFile({ format, file, createStubs: true });
            assert.deepEqual(again.created, { staff: 0, articles: 0, comments: 0, pingbacks: 0, trackbacks: 0, redirects: 0 }, 'a second run creates nothing');
            assert.deepEqual(await rowCounts(site), after, 'a second run adds no row');
          }),
          fuzzParameters(fuzzRuns(15, 10)),
        );
        t.diagnostic(`${dialect} ${format}: ${outcomes.imported} files imported, ${outcomes.refused} refused`);
        assert.ok(outcomes.imported > 0 && outcomes.refused > 0, 'the runs met both well-formed and broken files');
      });
    }
  });
}
