// The composition root: config → database → stores → use cases → app. The only file (with
// test support) that knows every concrete class. `startServer` adds listening and shutdown.

import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { DomainEvent, EventSink } from './domain/events.ts';
import { parseArticleFile } from './articles/parse-article-file.ts';
import { createPublishArticle } from './articles/publish-article.ts';
import { createListDiscussion } from './comments/list-discussion.ts';
import { createSubmitComment } from './comments/submit-comment.ts';
import { createApp } from './http/app.ts';
import { loadAssets } from './http/assets.ts';
import { CommenterCookies } from './http/commenter-cookies.ts';
import { articleTag, frontPageTag, PageCache } from './http/page-cache.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { KeyedHash } from './lib/keyed-hash.ts';
import { checkOrder } from './moderation/check-order.ts';
import { createModerateComment } from './moderation/moderate-comment.ts';
import { openDatabase } from './storage/database.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { createSqlStores, createTransact } from './storage/sql-stores.ts';
import { en } from './views/messages.ts';

export interface DatelineOptions {
  readonly clock?: Clock;
  readonly logger?: FastifyServerOptions['logger'];
}

export async function createDateline(config: Config, options: DatelineOptions = {}) {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db, database.dialect);
  const stores = createSqlStores(database.db, now);
  const transact = createTransact(database.db, now);
  const keyedHash = new KeyedHash(config.secret);

  const cache = new PageCache();
  const listeners: ((event: DomainEvent) => void)[] = [
    (event) => {
      if (event.type === 'comment.created' && event.status !== 'approved') return; // nothing public changed
      cache.invalidate(articleTag(event.articleId));
      cache.invalidate(frontPageTag);
    },
  ];
  const events: EventSink = {
    emit(event) {
      for (const listen of listeners) {
        try {
          listen(event);
        } catch (e) {
          console.error('event listener failed', event.type, e);
        }
      }
    },
  };

  const services = {
    publishArticle: createPublishArticle({ articles: stores.articles, events, clock }),
    submitComment: createSubmitComment({ articles: stores.articles, settings: stores.settings, transact, checks: checkOrder, keyedHash, events, clock }),
    moderateComment: createModerateComment({ transact, events, clock }),
    listDiscussion: createListDiscussion({ comments: stores.comments, settings: stores.settings, keyedHash }),
  };

  async function buildApp(): Promise<FastifyInstance> {
    const assets = loadAssets();
    return createApp({
      site: { name: config.siteName, locale: config.locale, timeZone: config.timeZone, messages: en, assets: assets.urls },
      articles: stores.articles,
      settings: stores.settings,
      listDiscussion: services.listDiscussion,
      submitComment: services.submitComment,
      cookies: new CommenterCookies(keyedHash, { secure: config.publicUrl?.startsWith('https:') ?? false }),
      cache,
      clock,
      changedElsewhere: database.changedElsewhere,
      assets,
      logger: options.logger ?? false,
      trustProxy: config.trustProxy,
    });
  }

  /** Publishes Dateline's own demo article on a site that has none yet. */
  async function publishDemoIfEmpty(): Promise<void> {
    const existing = await stores.articles.listLatest({ now: new Date(8.64e15), limit: 1 });
    if (existing.length > 0) return;
    const text = readFileSync(new URL('./articles/demo-article.md', import.meta.url), 'utf8');
    await services.publishArticle({ ...parseArticleFile(text), publishedAt: clock.now() });
  }

  return { config, stores, services, cache, buildApp, publishDemoIfEmpty, close: () => database.close() };
}

export type Dateline = Awaited<ReturnType<typeof createDateline>>;

/** `dateline serve`: migrate, publish the demo on an empty site, listen, and stop cleanly. */
export async function startServer(config: Config): Promise<{ app: FastifyInstance; port: number; stop: () => Promise<void> }> {
  const dateline = await createDateline(config, { logger: { level: config.logLevel } });
  await dateline.publishDemoIfEmpty();
  const app = await dateline.buildApp();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close(); // stops accepting, lets requests in flight finish
      await dateline.close();
    })());
  return { app, port, stop };
}
