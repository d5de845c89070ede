// Turns a domain event into webhook deliveries: which webhook events it is, read the comment
// and article once, and queue one delivery per active webhook subscribed to each. Runs after
// the cause committed, on the instance that caused it only (main.ts calls it from `emit`,
// never for events heard from other instances, or every instance would queue a copy).
//
// Only public fields travel (the shape of PublicComment): never a commenter's email or IP.

import { randomUUID } from 'node:crypto';
import type { ArticleStore } from '../articles/article-store.ts';
import type { CommentStore } from '../comments/comment-store.ts';
import { articlePath, isPublic, type Article } from '../domain/article.ts';
import type { Comment } from '../domain/comment.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Clock } from '../lib/clock.ts';
import type { ModerationLog } from '../moderation/moderation-log.ts';
import type { DeliveryEventName, NewDelivery, Webhook, WebhookEventName, WebhookStore } from './webhook-store.ts';

export interface WebhookEventsDeps {
  readonly webhooks: WebhookStore;
  readonly comments: Pick<CommentStore, 'findById'>;
  readonly articles: Pick<ArticleStore, 'findById' | 'listRevisions'>;
  /** Tells an edit from a deletion: `comment.changed` says only that something changed. */
  readonly moderationLog: Pick<ModerationLog, 'listForComment'>;
  readonly clock: Clock;
  /** The site's public address, for the URLs in payloads. */
  readonly siteUrl: string;
  readonly log: { warn(o: object, msg: string): void };
  readonly newDeliveryId?: () => string;
}

type Data = Record<string, unknown>;

/** The body of every delivery; `id` is also the Dateline-Delivery header. */
export function webhookPayload(deliveryId: string, event: DeliveryEventName, at: Date, data: Data): string {
  return JSON.stringify({ id: deliveryId, event, createdAt: at.toISOString(), data });
}

export function createWebhookEvents(deps: WebhookEventsDeps) {
  const newId = deps.newDeliveryId ?? randomUUID;
  const articleUrl = (a: Article) => `${deps.siteUrl}${articlePath(a)}`;
  const articleData = (a: Article) => ({ id: a.id, title: a.title, url: articleUrl(a), publishedAt: a.publishedAt.toISOString() });
  const commentData = (c: Comment, a: Article) => ({
    id: c.id,
    articleId: c.articleId,
    parentId: c.parentId,
    authorName: c.authorName,
    authorUrl: c.authorUrl,
    html: c.bodyHtml,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    url: `${articleUrl(a)}#comment-${c.id}`,
  });

  /** The webhook events a comment event is, with what each adds to the payload. */
  async function commentEvents(event: Extract<DomainEvent, { commentId: unknown }>): Promise<[WebhookEventName, Data][]> {
    switch (event.type) {
      case 'comment.created':
        return [['comment.created', {}], ...(event.status === 'approved' ? [['comment.approved', {}] as [WebhookEventName, Data]] : [])];
      case 'comment.status_changed': {
        const change = { from: event.from, to: event.to };
        return [['comment.status_changed', change], ...(event.to === 'approved' ? [['comment.approved', change] as [WebhookEventName, Data]] : [])];
      }
      case 'comment.changed': {
        // The log row written with the change says what it was; featuring is neither.
        const action = (await deps.moderationLog.listForComment(event.commentId)).at(-1)?.action;
        return action === 'edit' ? [['comment.edited', {}]] : action === 'delete' ? [['comment.deleted', {}]] : [];
      }
      default:
        return [];
    }
  }

  async function deliveriesFor(event: DomainEvent, subscribers: readonly Webhook[], at: Date): Promise<NewDelivery[]> {
    const wanted = (name: WebhookEventName) => subscribers.filter((w) => w.events.includes(name));
    const out: NewDelivery[] = [];
    const queue = (name: WebhookEventName, data: Data) => {
      for (const w of wanted(name)) {
        const deliveryId = newId();
        out.push({ webhookId: w.id, event: name, deliveryId, payload: webhookPayload(deliveryId, name, at, data), at });
      }
    };
    if (event.type === 'article.saved') {
      if (wanted('article.published').length + wanted('article.updated').length === 0) return out;
      const article = await deps.articles.findById(event.articleId);
      // Drafts and scheduled articles are nobody's business outside the newsroom yet.
      if (!article || !isPublic(article, at)) return out;
      // Published: the first save that made it public; later saves are updates.
      const revisions = await deps.articles.listRevisions(article.id);
      const publicBefore = revisions.filter((r) => r.status === 'published' && r.publishedAt.getTime() <= r.savedAt.getTime()).length > 1;
      queue(publicBefore ? 'article.updated' : 'article.published', { article: articleData(article) });
      return out;
    }
    if (!('commentId' in event)) return out;
    const names = (await commentEvents(event)).filter(([name]) => wanted(name).length > 0);
    if (names.length === 0) return out;
    const comment = await deps.comments.findById(event.commentId);
    const article = comment && (await deps.articles.findById(comment.articleId));
    if (!comment || !article) return out;
    // The status the event is about: the comment may have moved on since (ms ago, usually).
    const status = event.type === 'comment.created' ? event.status : event.type === 'comment.status_changed' ? event.to : comment.status;
    for (const [name, extra] of names) queue(name, { comment: { ...commentData(comment, article), status }, article: { id: article.id, title: article.title, url: articleUrl(article) }, ...extra });
    return out;
  }

  // Events no webhook can be about cost no query (reactions come often).
  const relevant = new Set<DomainEvent['type']>(['comment.created', 'comment.status_changed', 'comment.changed', 'article.saved']);

  async function enqueue(event: DomainEvent): Promise<void> {
    if (!relevant.has(event.type)) return;
    const at = deps.clock.now();
    const subscribers = (await deps.webhooks.list()).filter((w) => w.active);
    if (subscribers.length === 0) return;
    const deliveries = await deliveriesFor(event, subscribers, at);
    if (deliveries.length > 0) await deps.webhooks.enqueue(deliveries);
  }

  const inFlight = new Set<Promise<void>>();
  return {
    /** Queues the deliveries an event causes; never throws (a failure is logged). */
    handle(event: DomainEvent): void {
      const done = enqueue(event).catch((e: unknown) => deps.log.warn({ event: event.type, error: e instanceof Error ? e.message : String(e) }, 'webhook deliveries not queued'));
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    },
    /** Waits for the events handled so far to be queued (before shutdown, and in tests). */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
    /** The admin's "send a test ping" to one webhook. */
    async ping(webhook: Pick<Webhook, 'id'>): Promise<void> {
      const at = deps.clock.now();
      const deliveryId = newId();
      await deps.webhooks.enqueue([{ webhookId: webhook.id, event: 'ping', deliveryId, payload: webhookPayload(deliveryId, 'ping', at, { webhookId: webhook.id }), at }]);
    },
  };
}

export type WebhookEvents = ReturnType<typeof createWebhookEvents>;
