// What the API shows the public carries no commenter's email or IP in any form (every public
// read of the document, walked, plus the answers to posting), and browsers on other sites may
// call it only from the origins DATELINE_API_ORIGINS lists.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../src/config.ts';
import { commentId } from '../../src/domain/ids.ts';
import { buildTestApp } from '../support/build-test-app.ts';
import { call, openSettings, traces } from './api-test-kit.ts';

describe('the public API and commenters’ privacy', () => {
  it('shows no commenter’s email or IP in any public operation’s answer', async (t) => {
    const ctx = await buildTestApp(t, { settings: openSettings });
    const { article, path } = await ctx.publishSeedArticle();
    const secrets: string[] = [];
    const answers: string[] = [];
    let parentId: number | null = null;
    for (let i = 0; i < 6; i++) {
      const email = `Private.Reader${i}@Example.org`;
      const ip = `203.0.113.${i + 10}`;
      secrets.push(email, ip);
      const res = await call(ctx.app, 'POST', `/api/v1/articles/${article.id}/comments`, { body: { comment: `Comment ${i}`, author: `Reader ${i}`, email, url: `reader${i}.example.net`, parentId, notifyReplies: true }, ip });
      assert.equal(res.status, 201);
      answers.push(res.body, JSON.stringify(res.headers));
      if (i === 4) await ctx.dateline.services.moderateComment({ commentId: commentId(res.json.id), action: 'hold', actor: 'test' });
      else parentId = res.json.id;
    }
    // Every public GET the document lists, with this article's and comments' ids filled in.
    const doc = (await call(ctx.app, 'GET', '/api/openapi.json')).json;
    const fill: Record<string, string> = { url: encodeURIComponent(path) };
    for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, { security: unknown[]; parameters?: { name: string; in: string; required: boolean }[] }>>)) {
      const op = item.get;
      if (!op || op.security.length > 0) continue;
      const ids = p.includes('/comments/') ? [String(parentId), '1', '5'] : [String(article.id)];
      for (const id of ids) {
        const query = (op.parameters ?? []).filter((x) => x.in === 'query' && x.required).map((x) => `${x.name}=${fill[x.name]}`).join('&');
        const res = await call(ctx.app, 'GET', p.replace(/\{id\}/, id) + (query ? `?${query}` : ''));
        answers.push(res.body, JSON.stringify(res.headers));
      }
    }
    answers.push((await call(ctx.app, 'POST', '/api/v1/counts', { body: { urls: [path] } })).body);
    const everything = answers.join('\n').toLowerCase();
    assert.match(everything, /comment 3/, 'the answers did include the comments');
    for (const secret of secrets) for (const trace of traces(secret)) assert.ok(!everything.includes(trace), `a public answer contains a trace of ${secret}`);
  });
});

describe('CORS', () => {
  const origins = ['https://a.example', 'http://localhost:8080'];

  it('echoes an allowed origin on answers and preflights, and names no other', async (t) => {
    const ctx = await buildTestApp(t, { config: { apiOrigins: origins } });
    const ok = await call(ctx.app, 'GET', '/api/v1/articles', { headers: { origin: 'https://a.example' } });
    assert.equal(ok.headers['access-control-allow-origin'], 'https://a.example');
    assert.match(String(ok.headers.vary), /Origin/);
    const preflight = await call(ctx.app, 'OPTIONS', '/api/v1/articles/1/comments', { headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'http://localhost:8080');
    assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Content-Type/i);

    for (const origin of ['https://evil.example', 'https://a.example.evil.example', 'null']) {
      const denied = await call(ctx.app, 'GET', '/api/v1/articles', { headers: { origin } });
      assert.equal(denied.headers['access-control-allow-origin'], undefined, origin);
      const deniedPreflight = await call(ctx.app, 'OPTIONS', '/api/v1/articles', { headers: { origin, 'access-control-request-method': 'POST' } });
      assert.equal(deniedPreflight.headers['access-control-allow-origin'], undefined, origin);
      assert.equal(deniedPreflight.headers['access-control-allow-methods'], undefined, origin);
    }
  });

  it('allows no origin at all when none is configured, and never outside /api', async (t) => {
    const ctx = await buildTestApp(t);
    const res = await call(ctx.app, 'GET', '/api/v1/articles', { headers: { origin: 'https://a.example' } });
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const configured = await buildTestApp(t, { config: { apiOrigins: origins } });
    const page = await configured.app.inject({ url: '/', headers: { origin: 'https://a.example' } });
    assert.equal(page.headers['access-control-allow-origin'], undefined);
  });

  it('reads DATELINE_API_ORIGINS as a comma-separated list of origins, refusing paths and other schemes', () => {
    assert.deepEqual(loadConfig({ DATELINE_API_ORIGINS: 'https://a.example, http://localhost:8080/' }).apiOrigins, origins);
    assert.deepEqual(loadConfig({}).apiOrigins, []);
    for (const bad of ['https://a.example/path', 'ftp://a.example', 'a.example']) assert.throws(() => loadConfig({ DATELINE_API_ORIGINS: bad }), ConfigError, bad);
  });
});
