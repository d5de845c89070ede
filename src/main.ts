// The composition root: config → database → stores → use cases → app. The only file (with
// test support) that knows every concrete class. `startServer` adds listening and shutdown.

import cluster from 'node:cluster';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Server } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { destination, pino } from 'pino';
import type { Config } from './config.ts';
import type { DomainEvent, EventSink } from './domain/events.ts';
import { parseArticleFile } from './articles/parse-article-file.ts';
import { createPublishArticle } from './articles/publish-article.ts';
import { createListDiscussion } from './comments/list-discussion.ts';
import { createReactToComment } from './comments/react-to-comment.ts';
import { createSubmitComment } from './comments/submit-comment.ts';
import { createListCommentThread } from './comments/list-comment-thread.ts';
import { createFindPublicComment } from './comments/find-public-comment.ts';
import { createCommentCounts } from './comments/comment-counts.ts';
import { createApiTokens } from './accounts/api-tokens.ts';
import { createOpenEmbedThread } from './articles/embed-threads.ts';
import { createDeleteOwnComment } from './comments/delete-own-comment.ts';
import { createEditOwnComment, createFindOwnComment } from './comments/edit-own-comment.ts';
import { createReportComment } from './comments/report-comment.ts';
import { createDismissReports } from './moderation/dismiss-reports.ts';
import { FormTokens } from './comments/form-token.ts';
import { createApp } from './http/app.ts';
import { createMetrics } from './http/operations.ts';
import { encodeLiveUpdate } from './http/live-stream.ts';
import { createLiveHub, type LiveHubLimits } from './live/live-hub.ts';
import { createPruneLiveEvents } from './live/prune-live-events.ts';
import { loadAssets } from './http/assets.ts';
import { CommenterCookies } from './http/commenter-cookies.ts';
import { articleListTag, articleTag, frontPageTag, PageCache } from './http/page-cache.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { packagePath } from './lib/package-path.ts';
import { KeyedHash } from './lib/keyed-hash.ts';
import { createAddStaff } from './accounts/add-staff.ts';
import { createSessions } from './accounts/sign-in.ts';
import { createPasswordReset } from './accounts/password-reset.ts';
import { fileTransport, smtpTransport } from './mail/transports.ts';
import { createOutboxWorker } from './notify/deliver-outbox.ts';
import { createHeldDigest } from './notify/held-digest.ts';
import { createMailLinks } from './notify/mail-links.ts';
import { createManageNotifications } from './notify/manage-notifications.ts';
import { createNotifications } from './notify/notifications.ts';
import { createJobRunner } from './jobs/run-jobs.ts';
import { createModerationQueue } from './moderation/moderation-queue.ts';
import { createSearchArticles } from './search/search-articles.ts';
import { createSaveSettings } from './moderation/save-settings.ts';
import { createCommenterRules } from './moderation/commenter-rules.ts';
import { createStaffCommentActions } from './moderation/staff-comment-actions.ts';
import { checkOrder, editCheckOrder } from './moderation/check-order.ts';
import { createTruncateOldIps } from './privacy/truncate-old-ips.ts';
import { createYourData } from './privacy/your-data.ts';
import { createSiteImport } from './import/site-import.ts';
import { createModerateComment } from './moderation/moderate-comment.ts';
import { createWebhookWorker } from './webhooks/deliver-webhooks.ts';
import { createManageWebhooks } from './webhooks/manage-webhooks.ts';
import { createWebhookEvents } from './webhooks/webhook-events.ts';
import { copyDatabase } from './storage/copy-database.ts';
import { openDatabase } from './storage/database.ts';
import { checkReadiness } from './storage/check-readiness.ts';
import { restoreDatabase } from './storage/restore-database.ts';
import { isDatabaseUnavailable } from './storage/translate-db-error.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { createSqlStores, createTransact } from './storage/sql-stores.ts';
import { en } from './views/messages.ts';

export interface DatelineOptions {
  readonly clock?: Clock;
  /** pino level for requests and jobs; tests leave it silent. */
  readonly logLevel?: string;
  /** Apply pending migrations on open (default). A cluster worker leaves that to the primary. */
  readonly migrate?: boolean;
  /** Live update limits (streams per instance, poll and heartbeat intervals); defaults suit production. */
  readonly liveLimits?: Partial<LiveHubLimits>;
}

export async function createDateline(config: Config, options: DatelineOptions = {}) {
  const clock = options.clock ?? systemClock;
  // Logs are written asynchronously (a request does not wait for its log line) and flushed on close.
  const level = options.logLevel ?? 'silent';
  const logDestination = level === 'silent' ? undefined : destination({ sync: false });
  const logger = logDestination ? pino({ level }, logDestination) : pino({ level });
  const now = () => clock.now();
  const database = openDatabase(config.databaseUrl);
  if (options.migrate !== false) await migrateToLatest(database.db, database.dialect);
  // On SQLite, settings and articles are read once and kept (storage/sql-stores.ts): another
  // process's commit is seen through data_version before each use, and this process's own
  // changes forget them (the listeners below). PostgreSQL instances hear of changes only through
  // events, which a hand-made change would not send, so they read every time.
  const stores = createSqlStores(database.db, database.dialect, now, database.dialect === 'sqlite' ? { freshen: () => void noticeElsewhere() } : undefined);
  const cache = new PageCache();
  const forgetRemembered = () => {
    stores.settings.forget();
    stores.articles.forget();
  };
  // Another process's commit on this SQLite file: every page and remembered value may be stale.
  const noticeElsewhere = (): boolean => {
    if (!database.changedElsewhere()) return false;
    cache.clear();
    forgetRemembered();
    return true;
  };
  const transact = createTransact(database, now);
  const secret = config.secret || (await stores.settings.sharedSecret(() => randomBytes(32).toString('base64url')));
  const keyedHash = new KeyedHash(secret);

  // Live updates: open article pages get new public comments over SSE. Rendering a comment needs
  // the site's wording, not its asset URLs.
  const liveSite = { name: config.siteName, locale: config.locale, timeZone: config.timeZone, messages: en, assets: { css: '', js: '' } };
  const liveHub = createLiveHub({ feed: stores.liveEvents, keyedHash, encode: (update) => encodeLiveUpdate(liveSite, update), limits: options.liveLimits, log: logger.child({ part: 'live' }) });
  await liveHub.start();
  const listeners: ((event: DomainEvent) => void)[] = [
    (event) => {
      if (event.type === 'settings.saved') {
        stores.settings.forget();
        return cache.clear(); // settings shape every page
      }
      if (event.type === 'article.saved') {
        stores.articles.forget(event.articleId);
        cache.invalidate(articleListTag);
      }
      if (event.type === 'reaction.toggled') return cache.invalidate(articleTag(event.articleId)); // every view of that article's page; lists show no reactions
      if (event.type === 'comment.created' && event.status !== 'approved') return; // nothing public changed
      cache.invalidate(articleTag(event.articleId));
      cache.invalidate(frontPageTag);
    },
    // A change to comments (here or on another instance) may have written live events: read them now.
    (event) => {
      if (event.type.startsWith('comment')) liveHub.wake();
    },
  ];
  const deliver = (event: DomainEvent) => {
    for (const listen of listeners) {
      try {
        listen(event);
      } catch (e) {
        console.error('event listener failed', event.type, e);
      }
    }
  };
  // Every event is delivered here and told to the other instances on the same database,
  // which deliver it to their own listeners (their page caches drop the same pages).
  const instanceId = randomUUID();
  // Set when the server is about to stop: /readyz says so, and balancers send requests elsewhere.
  let draining = false;
  const metrics = createMetrics({ cache, outboxCounts: () => stores.outbox.counts(), liveStreams: () => liveHub.streamCount() });
  // Notices still on their way to the other instances: close() waits for them, so a shell
  // command that moderates and exits is still heard by the running servers.
  const publishing = new Set<Promise<void>>();
  const tellOthers = (message: string, what: string) => {
    const sent = database.publish(message).catch((e: unknown) => console.error('could not tell other instances', what, e));
    publishing.add(sent);
    void sent.finally(() => publishing.delete(sent));
  };
  const siteUrl = config.publicUrl ?? `http://localhost:${config.port || 3000}`;
  // Webhooks: deliveries are queued here, for events this instance emits (never in `deliver`:
  // events heard from other instances were queued where they happened), and sent by every
  // instance's worker. A crash between a commit and this queueing loses those deliveries.
  const webhookEvents = createWebhookEvents({ webhooks: stores.webhooks, comments: stores.comments, articles: stores.articles, moderationLog: stores.moderationLog, clock, siteUrl, log: logger.child({ part: 'webhooks' }) });
  const webhookWorker = createWebhookWorker({ webhooks: stores.webhooks, clock, log: logger.child({ part: 'webhooks' }) });
  const events: EventSink = {
    emit(event) {
      metrics.countEvent(event);
      deliver(event);
      webhookEvents.handle(event);
      tellOthers(JSON.stringify({ from: instanceId, event }), event.type);
    },
  };
  await database.subscribe((message) => {
    if (message === '*') {
      forgetRemembered();
      return cache.clear();
    }
    try {
      const { from, event } = JSON.parse(message) as { from: string; event: DomainEvent };
      if (from !== instanceId) deliver(event);
    } catch {
      forgetRemembered();
      cache.clear();
    }
  });

  // Mail: every message is queued in the transaction of its cause and delivered by the outbox worker.
  const mailLinks = createMailLinks(keyedHash, siteUrl);
  const notifications = createNotifications({ keyedHash, links: mailLinks, siteName: config.siteName, siteUrl, clock });
  const mailFrom = config.mailFrom ?? `"${config.siteName.replace(/["\\]/g, '')}" <dateline@${new URL(siteUrl).hostname}>`;
  const mailTransport = config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(join(config.dataDir, 'outbox'));
  const outboxWorker = createOutboxWorker({
    outbox: stores.outbox,
    transport: mailTransport,
    clock,
    from: mailFrom,
    log: logger.child({ part: 'outbox' }),
  });
  const formTokens = new FormTokens(keyedHash);
  const moderateComment = createModerateComment({ transact, events, clock, notifications });

  const services = {
    publishArticle: createPublishArticle({ transact, events, clock }),
    submitComment: createSubmitComment({ articles: stores.articles, settings: stores.settings, transact, checks: checkOrder, keyedHash, commenterRules: stores.commenterRules, spamModel: stores.spamModel, events, clock, notifications, formTokens, groupCommit: database.dialect === 'sqlite' }),
    moderateComment,
    yourData: createYourData({ transact, notifications, keyedHash, events, clock, siteName: config.siteName, siteUrl }),
    manageNotifications: createManageNotifications({ subscriptions: stores.subscriptions, comments: stores.comments, articles: stores.articles, moderateComment, links: mailLinks, clock }),
    listDiscussion: createListDiscussion({ comments: stores.comments, settings: stores.settings, keyedHash }),
    reactToComment: createReactToComment({ transact, keyedHash, events, clock }),
    sessions: createSessions({ staff: stores.staff, clock, keyedHash }),
    passwordReset: createPasswordReset({ staff: stores.staff, transact, notifications, clock, siteName: config.siteName }),
    addStaff: createAddStaff({ staff: stores.staff, clock }),
    moderationQueue: createModerationQueue({ comments: stores.comments, articles: stores.articles, reports: stores.reports }),
    saveSettings: createSaveSettings({ settings: stores.settings, events }),
    staffActions: createStaffCommentActions({ transact, events, clock, notifications }),
    commenterRules: createCommenterRules({ transact, keyedHash, clock, ipOf: (id) => stores.comments.ipOf(id) }),
    searchArticles: createSearchArticles({ search: stores.search, clock }),
    // WordPress, Disqus and JSON Lines imports (issue 8, items 1–3): one transaction, then every cached page goes, here and on other instances.
    importFile: createSiteImport({ transact, settings: stores.settings, clock, hashIp: (ip) => keyedHash.hash('ip', ip), siteChanged: () => {
      forgetRemembered();
      cache.clear();
      tellOthers('*', 'import');
    } }),
    // A commenter's own comment and readers' reports (issue 9, items 2 and 3).
    findOwnComment: createFindOwnComment({ comments: stores.comments, ownComments: stores.ownComments, settings: stores.settings, clock }),
    editOwnComment: createEditOwnComment({ settings: stores.settings, commenterRules: stores.commenterRules, spamModel: stores.spamModel, transact, checks: editCheckOrder, keyedHash, events, clock }),
    deleteOwnComment: createDeleteOwnComment({ settings: stores.settings, transact, events, clock }),
    reportComment: createReportComment({ comments: stores.comments, articles: stores.articles, settings: stores.settings, transact, keyedHash, events, clock }),
    dismissReports: createDismissReports({ transact, clock }),
    // The JSON API's reads and its personal tokens (issue 8, item 5).
    listCommentThread: createListCommentThread({ comments: stores.comments, settings: stores.settings, keyedHash }),
    findPublicComment: createFindPublicComment({ comments: stores.comments, articles: stores.articles, keyedHash, clock }),
    commentCounts: createCommentCounts({ store: stores.commentCounts, clock }),
    apiTokens: createApiTokens({ tokens: stores.apiTokens, clock }),
    // Comments on other sites' pages (issue 8, item 6): threads made on first use for allowed origins.
    openEmbedThread: createOpenEmbedThread({ store: stores.articles, clock, origins: config.embedOrigins ?? [] }),
    // Webhooks in the admin (issue 8, item 7).
    webhooks: createManageWebhooks({ webhooks: stores.webhooks, events: webhookEvents, clock }),
  };
  const jobs = createJobRunner({ jobs: stores.jobs, clock, log: logger.child({ part: 'jobs' }) }, [
    createTruncateOldIps({ comments: stores.comments, settings: stores.settings }),
    createHeldDigest({ settings: stores.settings, comments: stores.comments, articles: stores.articles, transact, notifications, siteUrl }),
    createPruneLiveEvents({ feed: stores.liveEvents }),
    { name: 'outbox-cleanup', intervalMs: 86_400_000, run: async (now) => `${await stores.outbox.deleteSentBefore(new Date(now.getTime() - 30 * 86_400_000))} sent mails forgotten` },
    { name: 'webhook-cleanup', intervalMs: 86_400_000, run: async (now) => `${await stores.webhooks.deleteSentBefore(new Date(now.getTime() - 30 * 86_400_000))} delivered webhook events forgotten` },
  ]);

  async function buildApp(): Promise<FastifyInstance> {
    const assets = loadAssets();
    const site = { name: config.siteName, locale: config.locale, timeZone: config.timeZone, messages: en, assets: assets.urls };
    const secureCookies = config.publicUrl?.startsWith('https:') ?? false;
    return createApp({
      site,
      articles: stores.articles,
      settings: stores.settings,
      listDiscussion: services.listDiscussion,
      reactToComment: services.reactToComment,
      submitComment: services.submitComment,
      formTokens,
      cookies: new CommenterCookies(keyedHash, { secure: secureCookies }),
      readerActions: { findOwnComment: services.findOwnComment, editOwnComment: services.editOwnComment, deleteOwnComment: services.deleteOwnComment, reportComment: services.reportComment },
      cache,
      clock,
      publicUrl: config.publicUrl,
      comments: stores.comments,
      changedElsewhere: noticeElsewhere,
      oldUrls: stores.imports,
      searchArticles: services.searchArticles,
      embed: { origins: config.embedOrigins ?? [], openThread: services.openEmbedThread },
      assets,
      admin: {
        site,
        sessions: services.sessions,
        staff: stores.staff,
        addStaff: services.addStaff,
        comments: stores.comments,
        articles: stores.articles,
        publishArticle: services.publishArticle,
        moderationLog: stores.moderationLog,
        moderateComment: services.moderateComment,
        dismissReports: services.dismissReports,
        apiTokens: services.apiTokens,
        queue: services.moderationQueue,
        importFile: services.importFile,
        webhooks: services.webhooks,
        settings: stores.settings,
        saveSettings: services.saveSettings,
        spamModel: stores.spamModel,
        commenterRules: services.commenterRules,
        staffActions: services.staffActions,
        commenterRuleStore: stores.commenterRules,
        passwordReset: services.passwordReset,
        outbox: stores.outbox,
        heldCommentMail: stores.subscriptions,
        yourData: services.yourData,
        mailDelivery: config.smtpUrl ? `Mail goes to the SMTP server at ${new URL(config.smtpUrl).host}.` : `Without SMTP_URL, mail is written as .eml files in ${join(config.dataDir, 'outbox')}.`,
        publicUrl: config.publicUrl,
        clock,
        secureCookies,
      },
      logger,
      trustProxy: config.trustProxy,
      manageNotifications: services.manageNotifications,
      yourData: services.yourData,
      live: liveHub,
      operations: { metrics, readiness: async () => (draining ? 'shutting down' : checkReadiness(database)), metricsToken: config.metricsToken ?? null },
      databaseUnavailable: isDatabaseUnavailable,
      api: {
        site,
        articles: stores.articles,
        settings: stores.settings,
        listCommentThread: services.listCommentThread,
        findPublicComment: services.findPublicComment,
        commentCounts: services.commentCounts,
        submitComment: services.submitComment,
        formTokens,
        apiTokens: services.apiTokens,
        moderationQueue: services.moderationQueue,
        moderateComment: services.moderateComment,
        publishArticle: services.publishArticle,
        clock,
        publicUrl: config.publicUrl,
        // Pages that embed comments may also ask for counts (count.js) from the browser.
        allowedOrigins: [...new Set([...(config.apiOrigins ?? []), ...(config.embedOrigins ?? [])])],
        databaseUnavailable: isDatabaseUnavailable,
      },
    });
  }

  /** Publishes Dateline's own demo article on a site that has none yet. */
  async function publishDemoIfEmpty(): Promise<void> {
    const existing = await stores.articles.listLatest({ now: new Date(8.64e15), limit: 1 });
    if (existing.length > 0) return;
    const text = readFileSync(packagePath('src', 'articles', 'demo-article.md'), 'utf8');
    await services.publishArticle({ ...parseArticleFile(text), publishedAt: clock.now() });
  }

  return {
    config,
    stores,
    services,
    cache,
    jobs,
    outboxWorker,
    webhookWorker,
    webhookEvents,
    liveHub,
    database,
    buildApp,
    publishDemoIfEmpty,
    /** From now on /readyz answers 503 "shutting down" (the server still serves everything). */
    drain() {
      draining = true;
    },
    async close() {
      await jobs.stop();
      await liveHub.stop();
      await outboxWorker.stop();
      await webhookEvents.settled();
      await webhookWorker.stop();
      await mailTransport.close();
      await Promise.all(publishing);
      await database.close();
      logDestination?.flushSync();
    },
  };
}

export type Dateline = Awaited<ReturnType<typeof createDateline>>;

// How long a stopping server waits, after it stops accepting, for requests on connections it just took.
const shutdownGraceMs = 250;
// How long a stopping server stays up saying it is not ready (DATELINE_SHUTDOWN_DELAY_MS).
const defaultShutdownDelayMs = 1000;

/** `dateline serve`: migrate, publish the demo on an empty site, listen, and stop cleanly. */
export async function startServer(config: Config, options: { worker?: boolean } = {}): Promise<{ app: FastifyInstance; port: number; setupPath: string | null; stop: () => Promise<void> }> {
  // A cluster worker finds the schema migrated and the demo published by the primary.
  const dateline = await createDateline(config, { logLevel: config.logLevel, migrate: !options.worker });
  if (!options.worker) await dateline.publishDemoIfEmpty();
  const app = await dateline.buildApp();
  dateline.jobs.start();
  dateline.outboxWorker.start();
  dateline.webhookWorker.start();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Not ready any more: balancers that probe /readyz stop sending requests here. Closing the
      // listener while they still connect would reset connections the kernel took but we had not.
      dateline.drain();
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs ?? defaultShutdownDelayMs));
      // Stop accepting, without http's own close: that would also drop connections taken a
      // moment ago whose request has not arrived yet. Give those a moment to arrive.
      Server.prototype.close.call(app.server);
      await new Promise((resolve) => setTimeout(resolve, shutdownGraceMs));
      // Then close: live streams end with a retry hint, requests in flight are answered (with
      // Connection: close), idle keep-alive connections are closed; then jobs, the outbox worker's
      // current pass and the database.
      await app.close();
      await dateline.close();
    })());
  // A new site prints a one-time link that creates the first admin (valid for an hour).
  const setupToken = options.worker ? null : await dateline.services.addStaff.issueSetupToken();
  return { app, port, setupPath: setupToken ? `/admin/setup?token=${setupToken}` : null, stop };
}

/**
 * `dateline serve --workers N`: the primary migrates and publishes the demo once, then forks N
 * workers sharing the port (node:cluster), and replaces a worker that dies. Each worker is a
 * full instance; on SQLite they share the file (WAL, busy timeout, BEGIN IMMEDIATE).
 */
export async function startCluster(config: Config, workers: number, log: (line: string) => void): Promise<{ stop: () => Promise<void> }> {
  const prepared = await createDateline(config);
  await prepared.publishDemoIfEmpty();
  await prepared.close();
  let stopping = false;
  cluster.setupPrimary({ args: process.argv.slice(2) });
  const fork = () => cluster.fork({ DATELINE_CLUSTER_WORKER: '1' });
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log(`worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    fork();
  });
  return {
    stop: async () => {
      stopping = true;
      const all = Object.values(cluster.workers ?? {}).filter((w): w is NonNullable<typeof w> => Boolean(w));
      await Promise.all(all.map((w) => new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.kill('SIGTERM');
      })));
    },
  };
}

/** `dateline backup FILE`: a consistent copy (SQLite backup API, or pg_dump's custom format). */
export async function backupSite(config: Config, file: string): Promise<void> {
  const database = openDatabase(config.databaseUrl);
  try {
    await database.backup(file);
  } finally {
    await database.close();
  }
}

/** `dateline restore FILE`: a backup into this site's place, which must be empty (no database file, or no tables). */
export async function restoreSite(config: Config, file: string): Promise<void> {
  await restoreDatabase(config.databaseUrl, file);
}

/** `dateline copy --to URL`: every row of this site's database into a new, empty one. */
export async function copySite(config: Config, targetUrl: string) {
  const from = openDatabase(config.databaseUrl);
  const to = openDatabase(targetUrl);
  try {
    await migrateToLatest(from.db, from.dialect);
    await migrateToLatest(to.db, to.dialect);
    const report = await copyDatabase(from, to);
    // The copied site keeps its avatars, cookies and hashes: its generated secret goes along.
    if (config.secretSource === 'file' && to.dialect === 'postgres') await createSqlStores(to.db, to.dialect, () => new Date()).settings.adoptSecret(config.secret);
    return report;
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}
