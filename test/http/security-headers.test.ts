// Security headers on every kind of response: pages, errors, admin, assets and feeds; HSTS
// only where the site is known to be served over HTTPS.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, commentForm, type TestAppOptions } from '../support/build-test-app.ts';

const hsts = 'max-age=31536000; includeSubDomains';

/** One response of each kind the site sends, by name. */
async function everyKindOfResponse(t: TestContext, options: TestAppOptions = {}) {
  const ctx = await buildTestApp(t, options);
  const { article, path } = await ctx.publishSeedArticle();
  const admin = await ctx.signIn('admin');
  const page = await ctx.app.inject(path);
  const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(stylesheet, 'the page links its stylesheet');
  const form = (fields: Record<string, string>) => ({ method: 'POST' as const, url: '/comments', payload: new URLSearchParams(commentForm(article, fields)).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const responses = {
    'an article page': page,
    'a 404': await ctx.app.inject('/no/such/page/'),
    'an admin page': await ctx.app.inject({ url: '/admin/', headers: { cookie: admin.cookie } }),
    'a comment refused with 422': await ctx.app.inject(form({ email: 'not-an-address' })),
    'a POST answered 415': await ctx.app.inject({ method: 'POST', url: '/comments', payload: '{"comment":', headers: { 'content-type': 'application/json' } }),
    'a body over the limit': await ctx.app.inject(form({ comment: 'x'.repeat(2 * 1024 * 1024) })),
    'a malformed address': await ctx.app.inject('/%E0%A4%A/'),
    'an asset': await ctx.app.inject(stylesheet),
    'a feed': await ctx.app.inject('/feed/'),
    'a comment feed': await ctx.app.inject(`${path}feed/`),
  };
  assert.deepEqual(
    Object.fromEntries(Object.entries(responses).map(([name, res]) => [name, res.statusCode])),
    { 'an article page': 200, 'a 404': 404, 'an admin page': 200, 'a comment refused with 422': 422, 'a POST answered 415': 415, 'a body over the limit': 413, 'a malformed address': 400, 'an asset': 200, 'a feed': 200, 'a comment feed': 200 },
  );
  return Object.entries(responses).map(([name, res]) => ({ name, headers: res.headers }));
}

function assertSecurityHeaders(name: string, headers: LightMyRequestResponse['headers']) {
  const csp = String(headers['content-security-policy']);
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'self'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(csp.split('; ').includes(directive), `${name}: the policy has ${directive}`);
  }
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `${name}: nothing in the policy allows inline or foreign script`);
  assert.equal(headers['x-content-type-options'], 'nosniff', name);
  assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin', name);
  assert.equal(headers['x-frame-options'], 'SAMEORIGIN', name);
  assert.equal(headers['cross-origin-opener-policy'], 'same-origin', name);
}

describe('security headers', () => {
  it('come with every response: pages, errors, admin, assets and feeds', async (t) => {
    for (const { name, headers } of await everyKindOfResponse(t)) assertSecurityHeaders(name, headers);
  });

  it('leave out HSTS when the site’s public address is not https', async (t) => {
    for (const publicUrl of [null, 'http://news.example']) {
      for (const { name, headers } of await everyKindOfResponse(t, { config: { publicUrl } })) {
        assert.equal(headers['strict-transport-security'], undefined, `${name} with public URL ${publicUrl}`);
      }
    }
  });

  it('add HSTS, subdomains included, to every response of a site served over https', async (t) => {
    for (const { name, headers } of await everyKindOfResponse(t, { config: { publicUrl: 'https://news.example' } })) {
      assertSecurityHeaders(name, headers);
      assert.equal(headers['strict-transport-security'], hsts, name);
    }
  });
});
