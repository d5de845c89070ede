// Requests no browser sends from our forms: bodies over the limit, bytes that are not UTF-8,
// NUL characters, PHP-style array fields and other content types. Each gets a clear 4xx page,
// never a 5xx or a stack trace, nothing is stored, and where the reader's text could be read
// it is shown again. A body over the limit is never read (that is the point of the limit), so
// the 413 page cannot repeat it: the text stays in the reader's browser, a Back away.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import { buildTestApp, commentForm } from '../support/build-test-app.ts';

const formRoutes = ['/comments', '/wp-comments-post.php'];
const urlencoded = 'application/x-www-form-urlencoded';

async function setUp(t: TestContext) {
  const ctx = await buildTestApp(t);
  const { article, path } = await ctx.publishSeedArticle();
  const post = (url: string, payload: string | Buffer, contentType: string | null, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url, payload, headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...headers }, remoteAddress: '192.0.2.10' });
  /** The form with every field filled, as the urlencoded text a browser would send, before `extra`. */
  const encoded = (fields: Record<string, string> = {}) => new URLSearchParams(commentForm(article, fields)).toString();
  return { ...ctx, article, path, post, encoded };
}

/** A clear error page: the status, HTML, a heading, and nothing of the server's insides. */
function assertErrorPage(res: InjectResponse, status: number, what: string) {
  assert.equal(res.statusCode, status, `${what} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
  assert.match(String(res.headers['content-type']), /^text\/html/, what);
  assert.match(res.body, /<h1>[^<]+<\/h1>/, `${what}: a page that says what happened`);
  assert.doesNotMatch(res.body, /\bat \S+ \(|node_modules|\.ts:\d+|FST_ERR|Error:/, `${what}: no stack trace or internal error`);
}

/** The kept-text box of the error page, unescaped. */
function keptText(res: InjectResponse): string | null {
  const m = /<textarea id="kept-comment"[^>]*>([\s\S]*?)<\/textarea>/.exec(res.body);
  return m ? m[1]!.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&') : null;
}

async function assertNothingPublished(ctx: Awaited<ReturnType<typeof setUp>>, texts: string[]) {
  const page = await ctx.app.inject(ctx.path);
  for (const text of texts) assert.ok(!page.body.includes(text), `nothing was posted: ${text}`);
}

describe('bodies over the limit', () => {
  it('answer 413 with a page that asks for a shorter comment, on both form addresses', async (t) => {
    const ctx = await setUp(t);
    for (const url of formRoutes) {
      const res = await ctx.post(url, ctx.encoded({ comment: 'too long '.repeat(150_000) }), urlencoded);
      assertErrorPage(res, 413, url);
      assert.match(res.body, /shorten your comment/);
    }
  });
});

describe('text that is not UTF-8', () => {
  const bodies = {
    'a percent-encoded byte that starts no character': 'comment=%FF%FE+I+wrote+%3Cb%3Ethis%3C%2Fb%3E',
    'a character cut short': 'comment=I+wrote+this+%E0%A4%A',
    'latin1 from an old page': 'comment=I+wrote+this+caf%E9',
    'invalid percent-encoded UTF-8 in a field name': 'comm%C3ent=I+wrote+this',
  };
  for (const [name, field] of Object.entries(bodies)) {
    it(`is refused with 400, keeping what can be read: ${name}`, async (t) => {
      const ctx = await setUp(t);
      for (const url of formRoutes) {
        const res = await ctx.post(url, `${field}&${ctx.encoded({ comment: '' }).replace('comment=&', '')}`, urlencoded);
        assertErrorPage(res, 400, `${name} to ${url}`);
        assert.match(res.body, /characters that are not text/);
        if (field.startsWith('comment=')) assert.match(keptText(res) ?? '', /I wrote (<b>)?this/, 'the readable text is shown again, escaped');
      }
      assert.doesNotMatch((await ctx.post('/comments', 'comment=%FF%3Cscript%3E', urlencoded)).body, /<script>/, 'kept text is escaped');
      await assertNothingPublished(ctx, ['I wrote']);
    });
  }

  it('refuses raw bytes that are not UTF-8 in the body', async (t) => {
    const ctx = await setUp(t);
    const body = Buffer.concat([Buffer.from('comment=caf'), Buffer.from([0xe9, 0xff]), Buffer.from(`+au+lait&${ctx.encoded({ comment: '' }).replace('comment=&', '')}`)]);
    const res = await ctx.post('/comments', body, urlencoded);
    assertErrorPage(res, 400, 'raw latin1 bytes');
    assert.match(keptText(res) ?? '', /^caf\uFFFD+ au lait$/);
    await assertNothingPublished(ctx, ['au lait']);
  });

  it('still takes every other character, from emoji to right-to-left text and U+FFFD typed as such', async (t) => {
    const ctx = await setUp(t);
    const text = 'Déjà vu 👩🏽‍💻 مرحبا 𝕏 \uFFFD ﷽';
    const res = await ctx.post('/comments', ctx.encoded({ comment: text }), urlencoded);
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  });
});

describe('NUL characters', () => {
  for (const field of ['comment', 'author', 'email', 'url']) {
    it(`in the ${field} field are refused with 400, and the comment is kept without them`, async (t) => {
      const ctx = await setUp(t);
      const fields = { comment: 'A comment with a NUL\u0000 inside', url: 'https://example.org/', [field]: `${field === 'email' ? 'nul@example.org' : field === 'url' ? 'https://example.org/' : 'A comment with a NUL'}\u0000 inside` };
      const res = await ctx.post('/comments', ctx.encoded(fields), urlencoded);
      assertErrorPage(res, 400, field);
      assert.equal(keptText(res), fields.comment.replace('\u0000', ''));
      await assertNothingPublished(ctx, ['with a NUL']);
    });
  }
});

describe('PHP-style array fields', () => {
  const cases = {
    'comment[]=a&comment[]=b': { body: 'comment[]=First+part&comment[]=second+part', kept: 'First part\n\nsecond part' },
    'comment[a]=b': { body: 'comment[a]=The+whole+comment', kept: 'The whole comment' },
    'comment_post_ID[]=…': { body: 'comment=Kept+as+typed&comment_post_ID[]=1', kept: 'Kept as typed' },
  };
  for (const [name, { body, kept }] of Object.entries(cases)) {
    it(`are refused with 400 and the comment is kept: ${name}`, async (t) => {
      const ctx = await setUp(t);
      for (const url of formRoutes) {
        const postId = body.includes('comment_post_ID') ? '' : `&comment_post_ID=${ctx.article.id}`;
        const res = await ctx.post(url, `${body}&author=Ada&email=ada%40example.com${postId}`, urlencoded);
        assertErrorPage(res, 400, `${name} to ${url}`);
        assert.equal(keptText(res), kept);
      }
      await assertNothingPublished(ctx, [kept.split('\n')[0]!]);
    });
  }
});

describe('bodies that are not a web form', () => {
  const multipart = (fields: Record<string, string>) =>
    `${Object.entries(fields)
      .map(([name, value]) => `--dl\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('')}--dl--\r\n`;
  const bodies = (articleId: number): [string, string | null, string][] => [
    ['plain text', 'text/plain', 'comment=Written in plain text\r\nauthor=Ada\r\nemail=ada@example.com'],
    ['JSON that does not parse', 'application/json', '{"comment": "Written as JSON'],
    ['JSON that parses', 'application/json', JSON.stringify({ comment: 'Written as JSON', author: 'Ada', email: 'ada@example.com', comment_post_ID: String(articleId) })],
    ['multipart', 'multipart/form-data; boundary=dl', multipart({ comment: 'Written as multipart', author: 'Ada', email: 'ada@example.com', comment_post_ID: String(articleId) })],
    ['XML', 'application/xml', '<comment>Written as XML</comment>'],
    ['no content type at all', null, 'comment=Written+without+a+type'],
  ];

  it('get 415 on both form addresses, and nothing is posted', async (t) => {
    const ctx = await setUp(t);
    for (const url of formRoutes) {
      for (const [name, type, body] of bodies(ctx.article.id)) {
        const res = await ctx.post(url, body, type);
        assertErrorPage(res, 415, `${name} to ${url}`);
        assert.match(res.body, /takes an ordinary web form/);
      }
    }
    await assertNothingPublished(ctx, ['Written']);
  });

  it('get 415 on the admin’s forms too, for a signed-in admin with the right token', async (t) => {
    const ctx = await setUp(t);
    const { cookie, csrf } = await ctx.signIn('admin');
    for (const url of ['/admin/settings', '/admin/comments', '/admin/articles', '/admin/login', '/notifications/manage']) {
      for (const [name, type, body] of bodies(ctx.article.id)) {
        const res = await ctx.post(url, body, type, { cookie, 'x-csrf-token': csrf });
        assertErrorPage(res, 415, `${name} to ${url}`);
      }
    }
  });

  it('get a clear 4xx from the admin’s forms for broken form bodies as well', async (t) => {
    const ctx = await setUp(t);
    const { cookie, csrf } = await ctx.signIn('admin');
    for (const body of ['maxLinks=%FF', 'maxLinks[]=2', 'maxLinks=2%00']) {
      const res = await ctx.post('/admin/settings', `${body}&_csrf=${csrf}`, urlencoded, { cookie });
      assertErrorPage(res, 400, body);
    }
  });
});
