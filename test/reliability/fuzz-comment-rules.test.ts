// Fuzzing the comment rules with whatever a visitor can send (full Unicode, lone surrogates, NUL,
// strings at the byte limits): the field rules, email and IP handling and the form parser only
// ever refuse with their own errors, what they accept fits the documented limits, normalising
// twice changes nothing, and no form body posted to /comments gets a 5xx or loses the text.

import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { maxBodyBytes, maxEmailBytes, maxNameBytes, maxUrlBytes, normalizeWebsite, validateCommentInput, type CommentInput } from '../../src/domain/comment.ts';
import { isEmail, normalizeEmail } from '../../src/domain/email.ts';
import { AppError, InvalidFields, errorCodes } from '../../src/domain/errors.ts';
import { articleId } from '../../src/domain/ids.ts';
import { truncateIp } from '../../src/domain/ip.ts';
import { parseFormBody, UnreadableForm } from '../../src/http/form-body.ts';
import { buildTestApp, commentForm } from '../support/build-test-app.ts';
import { anyText, fuzzParameters, fuzzRuns, nearBytes } from '../support/fuzz.ts';

const runs = fuzzRuns(300, 30);
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const field = (limit: number) => fc.oneof(anyText(), nearBytes(limit), fc.constant(''));
const emailLike = fc.oneof(fc.emailAddress(), fc.emailAddress().map((e) => e.toUpperCase()), nearBytes(maxEmailBytes).map((s) => `${s.replace(/[^a-z]/g, 'a').slice(0, 120)}@example.org`), anyText(60));
const urlLike = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.domain(), anyText(80), nearBytes(maxUrlBytes).map((s) => `https://example.org/${s}`), fc.tuple(fc.domain(), fc.string({ unit: 'grapheme', maxLength: 90 })).map(([d, path]) => `${d}/${path}`), fc.tuple(fc.constantFrom('é', '€', '😀', ' ', '"', '%'), fc.integer({ min: 20, max: 95 })).map(([c, n]) => `example.org/${c.repeat(n)}`), fc.constantFrom('javascript:alert(1)', ' JAVASCRIPT:x', 'data:text/html,x', '//example.org', 'example', 'http://localhost', 'http://[::1]/', 'ftp://example.org', 'http://exa mple.org', 'https://xn--e1afmkfd.xn--p1ai/'));
// Each field is either fuzzed or fine, so that many inputs get past every rule and what is accepted is checked too.
const input: fc.Arbitrary<CommentInput> = fc.record({
  articleId: fc.constant(articleId(1)),
  parentId: fc.constant(null),
  authorName: fc.oneof(field(maxNameBytes), fc.constant('Ada Reader')),
  authorEmail: fc.oneof(emailLike, field(maxEmailBytes), fc.constant('ada@example.org')),
  authorUrl: fc.oneof(urlLike, fc.constant('')),
  bodyText: fc.oneof(field(maxBodyBytes), fc.constant('A fine comment.')),
});

/** Only the field rules' own refusal: an InvalidFields of InvalidInput errors, each naming its field. */
function assertFieldRefusal(e: unknown): void {
  assert.ok(e instanceof InvalidFields, `threw ${String(e)}`);
  assert.ok(e.errors.length > 0);
  for (const error of e.errors) {
    assert.ok(error instanceof AppError);
    assert.equal(errorCodes[error.code], 'InvalidInput', error.code);
    assert.ok(['comment', 'author', 'email', 'url'].includes(error.field ?? ''), `field ${error.field}`);
  }
}

describe('the comment field rules', () => {
  it('refuse only with their own field errors, and accept only what fits the limits', () => {
    fc.assert(
      fc.property(input, fc.boolean(), (raw, requireNameEmail) => {
        let draft;
        try {
          draft = validateCommentInput(raw, { requireNameEmail });
        } catch (e) {
          return assertFieldRefusal(e);
        }
        assert.ok(draft.bodyText !== '' && bytes(draft.bodyText) <= maxBodyBytes, 'text present and within 65,525 bytes');
        assert.ok(draft.authorName !== '' && bytes(draft.authorName) <= maxNameBytes, 'name within 245 bytes');
        assert.ok(bytes(draft.authorEmail) <= maxEmailBytes, 'email within 100 bytes');
        assert.ok(draft.authorUrl === null || bytes(draft.authorUrl) <= maxUrlBytes, `website within 200 bytes as stored: ${draft.authorUrl}`);
        assert.ok(draft.authorEmail === '' || isEmail(draft.authorEmail), 'email valid or absent');
        assert.ok(draft.authorUrl === null || /^https?:\/\//.test(draft.authorUrl), 'website is http(s) or absent');
        for (const text of [draft.bodyText, draft.authorName, draft.authorEmail]) assert.doesNotMatch(text, controls, 'no control characters kept');
        if (requireNameEmail) assert.notEqual(draft.authorEmail, '');
        // What was accepted passes again unchanged (a stored comment edited without change stays valid).
        assert.deepEqual(validateCommentInput({ ...draft, authorUrl: draft.authorUrl ?? '' }, { requireNameEmail }), draft);
      }),
      fuzzParameters(runs),
    );
  });

  it('normalise a website once and for all, never to anything but http(s), and keep it within 200 bytes as stored', () => {
    fc.assert(
      fc.property(urlLike, (raw) => {
        const once = normalizeWebsite(raw);
        if (once === null || once === 'invalid') return;
        assert.match(once, /^https?:\/\//);
        assert.equal(normalizeWebsite(once), once);
        try {
          const { authorUrl } = validateCommentInput({ articleId: articleId(1), parentId: null, authorName: 'Ada', authorEmail: 'ada@example.org', authorUrl: raw, bodyText: 'Fine.' }, { requireNameEmail: true });
          assert.ok(bytes(authorUrl ?? '') <= maxUrlBytes, `stored website ${authorUrl} is over 200 bytes`);
        } catch (e) {
          assertFieldRefusal(e);
        }
      }),
      fuzzParameters(runs),
    );
  });
});

describe('counterexamples the fuzzing found', () => {
  it('refuses a website that is short as typed but over 200 bytes once percent-encoded', () => {
    const typed = `example.org/${'é'.repeat(31)}`; // 74 bytes typed, 218 as https://example.org/%C3%A9…
    assert.ok(bytes(typed) <= maxUrlBytes);
    assert.throws(() => validateCommentInput({ articleId: articleId(1), parentId: null, authorName: 'Ada', authorEmail: 'ada@example.org', authorUrl: typed, bodyText: 'Fine.' }, { requireNameEmail: true }), { code: 'url_too_long', field: 'url' });
  });
});

describe('email addresses', () => {
  it('are normalised once and for all, and a valid address stays valid', () => {
    fc.assert(
      fc.property(emailLike, (raw) => {
        const once = normalizeEmail(raw);
        assert.equal(normalizeEmail(once), once);
        if (isEmail(raw.trim())) assert.ok(isEmail(once), once);
      }),
      fuzzParameters(runs),
    );
  });
});

/** The 8 groups of an IPv6 address as numbers, read by WHATWG URL parsing (not by the code under test). */
function ipv6Groups(ip: string): number[] {
  const host = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = '', tail = ''] = host.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = host.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.map((g) => parseInt(g, 16));
}

describe('IP addresses', () => {
  const ip = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4().map((v4) => `::ffff:${v4}`), fc.ipV4Extended(), anyText(45));
  it('are cut to their network: an address of the same family, the same /24 or /64, and cutting again changes nothing', () => {
    fc.assert(
      fc.property(ip, (raw) => {
        const cut = truncateIp(raw);
        assert.notEqual(isIP(cut), 0, `${JSON.stringify(raw)} → ${cut}`);
        assert.equal(truncateIp(cut), cut);
        const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/i.exec(raw);
        if (v4 && isIP(raw)) assert.equal(cut, `${v4[1]}.0`);
        else if (isIP(raw) === 6 && !raw.includes('.') && !raw.includes('%')) {
          assert.deepEqual(ipv6Groups(cut), [...ipv6Groups(raw).slice(0, 4), 0, 0, 0, 0]);
        } else if (isIP(raw) === 0) assert.equal(cut, '0.0.0.0');
      }),
      fuzzParameters(runs),
    );
  });
});

describe('the form body parser', () => {
  const name = fc.string({ maxLength: 12 }).filter((n) => !/\[[^\]]*\]$/.test(n) && !n.includes('\u0000'));
  const fields = fc.array(fc.tuple(name, fc.string({ unit: 'grapheme', maxLength: 40 }).filter((v) => !v.includes('\u0000'))), { maxLength: 6 });

  it('reads back whatever a browser encodes, repeated names as lists', () => {
    fc.assert(
      fc.property(fields, (pairs) => {
        const parsed = parseFormBody(new URLSearchParams(pairs).toString());
        const expected = Object.create(null) as Record<string, string | string[]>; // "toString" is a name like any other
        for (const [n, v] of pairs) {
          const previous = expected[n];
          expected[n] = previous === undefined ? v : [...(Array.isArray(previous) ? previous : [previous]), v];
        }
        assert.deepEqual(parsed, expected);
      }),
      fuzzParameters(runs),
    );
  });

  it('refuses anything else only with UnreadableForm, keeping the comment without NULs', () => {
    const raw = fc.oneof(anyText(120), fc.array(fc.oneof(fc.constantFrom('comment=', 'comment[]=', '&', '=', '+', '%', '%00', '%FF', '%C3', '%E2%82', '%zz', 'a=b', '__proto__=x', 'constructor=1'), anyText(8)), { maxLength: 12 }).map((p) => p.join('')));
    fc.assert(
      fc.property(raw, (body) => {
        try {
          const parsed = parseFormBody(body);
          for (const value of Object.values(parsed).flat()) assert.ok(!value.includes('\u0000'), 'no NUL accepted');
          assert.equal(Object.getPrototypeOf(parsed), null);
        } catch (e) {
          assert.ok(e instanceof UnreadableForm, `threw ${String(e)}`);
          assert.equal(e.statusCode, 400);
          assert.ok(!e.keptComment.includes('\u0000'));
        }
      }),
      fuzzParameters(runs),
    );
  });
});

/** The texts of every <textarea> on a page, unescaped. */
const textareas = (html: string): string[] => [...html.matchAll(/<textarea[^>]*>([\s\S]*?)<\/textarea>/g)].map((m) => m[1]!.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&'));

describe('POST /comments', () => {
  it('answers any form body without a 5xx, and an error page keeps the comment it was sent', async (t) => {
    const site = await buildTestApp(t, { settings: { requirePreviouslyApproved: false, rateLimitPerHour: 0, rateLimitPerArticlePerMinute: 0, floodIntervalSeconds: 0 } });
    const { article } = await site.publishSeedArticle();
    const text = fc.oneof(anyText(80), nearBytes(maxBodyBytes), fc.constantFrom('', ' ', '<script>alert(1)</script>', 'Same text'));
    const fields = fc.record(
      {
        comment: text,
        author: fc.oneof(anyText(30), nearBytes(maxNameBytes)),
        email: fc.oneof(emailLike, fc.constant('')),
        url: fc.oneof(urlLike, fc.constant('')),
        comment_post_ID: fc.oneof(fc.constant(String(article.id)), fc.constantFrom('0', '-1', '99999', 'x', '1e3', '', ' 1', '9007199254740993')),
        comment_parent: fc.constantFrom('0', '1', '-1', 'x', '', '99999999999999999999'),
      },
      { requiredKeys: ['comment'] },
    );
    const extra = fc.array(fc.tuple(fc.string({ maxLength: 10 }).filter((n) => !n.startsWith('comment')), anyText(10)), { maxLength: 3 });
    const rawTail = fc.constantFrom('', '&%FF', '&comment[]=x', '&a=%00', '&comment=second', '&&', '&=');
    await fc.assert(
      fc.asyncProperty(fields, extra, rawTail, async (form, more, tail) => {
        const encoded = new URLSearchParams([...Object.entries(form), ...more]).toString() + tail;
        site.clock.advance(60);
        const res = await site.app.inject({ method: 'POST', url: '/comments', payload: encoded, headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '192.0.2.77' });
        assert.ok(res.statusCode < 500, `${res.statusCode} for ${encoded.slice(0, 300)}: ${res.body.slice(0, 300)}`);
        assert.doesNotMatch(res.body, /\bat \S+ \(|node_modules|\.ts:\d+/, 'no stack trace');
        const sent = new URLSearchParams(encoded).getAll('comment');
        if (res.statusCode >= 400 && res.statusCode !== 413 && sent.length === 1 && sent[0]!.trim() !== '') {
          // Bracketed variants are kept after it, as the reader wrote them (form-body.ts).
          const kept = [sent[0]!, ...(tail === '&comment[]=x' ? ['x'] : [])].join('\n\n').replaceAll('\u0000', '');
          assert.ok(textareas(res.body).some((area) => area === kept || area.replace(/^\n/, '') === kept || area.trim() === kept.trim()), `${res.statusCode} page keeps the comment ${JSON.stringify(kept.slice(0, 80))}`);
        }
      }),
      fuzzParameters(fuzzRuns(40, 10)),
    );
  });
});
