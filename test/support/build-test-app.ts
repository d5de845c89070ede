// buildTestApp(t): a real Dateline on a fresh database — a SQLite file in a temp directory, or
// a PostgreSQL schema of its own when TEST_DIALECT=postgres — with a fixed clock, closed when
// the test ends. Tests talk to it with app.inject() or over a real port.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Config } from '../../src/config.ts';
import type { DiscussionSettings } from '../../src/domain/settings.ts';
import type { Role } from '../../src/domain/staff.ts';
import { articlePath, type Article } from '../../src/domain/article.ts';
import { parseArticleFile } from '../../src/articles/parse-article-file.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { createDateline } from '../../src/main.ts';
import { freshDatabaseUrl, testDialect } from './dialects.ts';

export const seedArticlePath = new URL('../../../shared/fixtures/seed-article.md', import.meta.url);

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    dataDir,
    databaseUrl: join(dataDir, 'dateline.db'),
    port: 0,
    host: '127.0.0.1',
    secret: 'test-secret-test-secret-test-secret',
    secretSource: 'env',
    publicUrl: null,
    siteName: 'Dateline Test',
    locale: 'en-US',
    timeZone: 'UTC',
    logLevel: 'silent',
    trustProxy: false,
    smtpUrl: null,
    mailFrom: null,
    ...overrides,
  };
}

export interface TestAppOptions {
  readonly settings?: Partial<DiscussionSettings>;
  readonly now?: string;
  readonly config?: Partial<Config>;
}

export async function buildTestApp(t: TestContext, options: TestAppOptions = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-test-'));
  const clock = new FixedClock(options.now ?? '2026-11-29T12:00:00Z');
  // Registered first so it runs first (after-hooks run in order): the app closes before
  // freshDatabaseUrl's hook drops the PostgreSQL schema under it.
  let close = async () => rmSync(dataDir, { recursive: true, force: true });
  t.after(() => close());
  const databaseUrl = await freshDatabaseUrl(t, testDialect, dataDir);
  const config = testConfig(dataDir, { databaseUrl, ...options.config });
  const dateline = await createDateline(config, { clock });
  if (options.settings) await dateline.stores.settings.saveDiscussion(options.settings);
  const app = await dateline.buildApp();
  close = async () => {
    await app.close();
    await dateline.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  /** Publishes the shared model article (or another file's text) and returns it with its URL. */
  async function publishSeedArticle(text = readFileSync(seedArticlePath, 'utf8'), changes: Partial<ReturnType<typeof parseArticleFile>> = {}) {
    const { article } = await dateline.services.publishArticle({ ...parseArticleFile(text), ...changes });
    return { article, path: articlePath(article) };
  }

  let staffN = 0;
  /** A staff member of `role`, signed in: the Cookie header and CSRF token their requests carry. */
  async function signIn(role: Role) {
    const staff = await dateline.services.addStaff.addStaff({ email: `${role}${++staffN}@newsroom.example`, name: `${role} ${staffN}`, role, password: 'correct horse battery' });
    const { token, session } = await dateline.services.sessions.startSession(staff);
    return { staff, cookie: `dateline_session=${token}`, csrf: session.csrfToken };
  }

  return { app, dateline, clock, config, dataDir, publishSeedArticle, signIn };
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/** A form post body with WordPress's field names; override any field. */
export function commentForm(article: Pick<Article, 'id'>, fields: Record<string, string> = {}): Record<string, string> {
  return {
    comment: 'A thoughtful reply about the article.',
    author: 'Ada Reader',
    email: 'ada@example.com',
    url: '',
    comment_post_ID: String(article.id),
    comment_parent: '0',
    ...fields,
  };
}

/** The Set-Cookie values of a response as a Cookie header for the next request. */
export function cookieHeader(response: { cookies: { name: string; value: string }[] }): string {
  return response.cookies
    .filter((c) => c.value !== '')
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}
