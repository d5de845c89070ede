/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// Webhooks in the admin: add a URL with the events it wants, and for each webhook its secret
// (the receiver needs it to check signatures), its switches (test ping, off/on, new secret,
// delete) and its latest deliveries with what the receiver answered.

import type { Webhook, WebhookDelivery } from '../../domain/webhook.ts';
import { formatDate } from '../site.ts';
import { AdminLayout, Csrf, FieldErrors, QueueState, RetryNow, type AdminContext } from './admin-layout.tsx';

export interface WebhooksPageProps {
  readonly ctx: AdminContext;
  readonly eventNames: readonly string[];
  readonly webhooks: readonly { readonly webhook: Webhook; readonly deliveries: readonly WebhookDelivery[] }[];
  readonly errors: readonly string[];
  readonly values: { readonly url: string; readonly events: readonly string[] };
  readonly notice: string | null;
}

const eventHelp: Record<string, string> = {
  'comment.created': 'a comment was posted (in any status: approved, held or spam)',
  'comment.approved': 'a comment became public (posted approved, or approved later)',
  'comment.status_changed': 'a comment was approved, held, marked spam, trashed or restored',
  'comment.edited': 'a comment’s text was changed by its author or by staff',
  'comment.deleted': 'a commenter deleted their comment and “[deleted]” stands in its place',
  'article.published': 'an article went public for the first time',
  'article.updated': 'a public article was saved again',
};

export function WebhooksPageView(p: WebhooksPageProps) {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title="Webhooks" current="/admin/webhooks">
      <p>
        A webhook sends each event it subscribes to as a signed JSON <code>POST</code> to its URL. Deliveries that fail are tried again for three days (30 seconds
        apart at first, then up to 30 minutes); an answer of 410 Gone switches the webhook off. Delivered events are kept here for 30 days.
      </p>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <h2>New webhook</h2>
      <FieldErrors errors={p.errors.map((message) => ({ field: null, message }))} />
      <form method="post" action="/admin/webhooks" class="admin-form">
        <Csrf ctx={ctx} />
        <p>
          <label for="url">URL</label>
          <input id="url" name="url" type="url" required value={p.values.url} aria-describedby="url-help" />
          <span class="field-help" id="url-help">
            An https:// (or http://) address that accepts POST requests.
          </span>
        </p>
        <fieldset>
          <legend>Events</legend>
          {p.eventNames.map((name) => (
            <p>
              <input id={`event-${name}`} name="events" type="checkbox" value={name} checked={p.values.events.includes(name)} />{' '}
              <label for={`event-${name}`}>
                <code>{name}</code>: {eventHelp[name] ?? ''}
              </label>
            </p>
          ))}
        </fieldset>
        <p>
          <button type="submit">Add webhook</button>
        </p>
      </form>
      <h2>Webhooks</h2>
      {p.webhooks.length === 0 ? <p>No webhooks yet.</p> : p.webhooks.map((w) => <WebhookSection ctx={ctx} webhook={w.webhook} deliveries={w.deliveries} />)}
    </AdminLayout>
  );
}

function ActionButton({ ctx, id, action, label }: { ctx: AdminContext; id: number; action: string; label: string }) {
  return (
    <form method="post" action="/admin/webhooks/act">
      <Csrf ctx={ctx} />
      <input type="hidden" name="id" value={String(id)} />
      <input type="hidden" name="action" value={action} />
      <button type="submit">{label}</button>
    </form>
  );
}

function WebhookSection({ ctx, webhook: w, deliveries }: { ctx: AdminContext; webhook: Webhook; deliveries: readonly WebhookDelivery[] }) {
  return (
    <section id={`webhook-${w.id}`} aria-labelledby={`webhook-${w.id}-url`}>
      <h3 id={`webhook-${w.id}-url`}>
        <code>{w.url}</code> {w.active ? '' : '(off)'}
      </h3>
      <dl>
        <dt>Events</dt>
        <dd>{w.events.join(', ')}</dd>
        <dt>State</dt>
        <dd>{w.active ? 'On' : 'Off: nothing is sent until it is switched on again'}</dd>
        <dt>Signing secret</dt>
        <dd>
          <code class="webhook-secret">{w.secret}</code>
        </dd>
        <dt>Added</dt>
        <dd>
          {formatDate(ctx.site, w.createdAt)} by {w.createdBy}
        </dd>
      </dl>
      <div class="actions">
        <ActionButton ctx={ctx} id={w.id} action="ping" label="Send a test ping" />
        {w.active ? <ActionButton ctx={ctx} id={w.id} action="deactivate" label="Switch off" /> : <ActionButton ctx={ctx} id={w.id} action="activate" label="Switch on" />}
        <ActionButton ctx={ctx} id={w.id} action="rotate" label="New secret" />
        <ActionButton ctx={ctx} id={w.id} action="delete" label="Delete" />
      </div>
      {deliveries.length === 0 ? <p>No deliveries yet.</p> : <DeliveryTable ctx={ctx} deliveries={deliveries} />}
    </section>
  );
}

const statusLabels = { queued: 'Waiting', sent: 'Delivered', failed: 'Failed' } as const;

function DeliveryTable({ ctx, deliveries }: { ctx: AdminContext; deliveries: readonly WebhookDelivery[] }) {
  return (
    <table class="log">
      <thead>
        <tr>
          <th scope="col">Queued</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last answer</th>
          <th scope="col">Last error</th>
          <th scope="col">
            <span class="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr id={`delivery-${d.id}`}>
            <td>{formatDate(ctx.site, d.createdAt)}</td>
            <td>
              <code>{d.event}</code>
              <br />
              <small>{d.deliveryId}</small>
            </td>
            <td>
              <QueueState ctx={ctx} label={statusLabels[d.status]} item={{ ...d, doneAt: d.deliveredAt }} />
            </td>
            <td>{d.attempts}</td>
            <td>
              {d.lastStatus === null ? '' : `HTTP ${d.lastStatus}`}
              {d.lastResponse ? <pre>{d.lastResponse}</pre> : null}
            </td>
            <td>{d.lastError ?? ''}</td>
            <td>
              <RetryNow ctx={ctx} action="/admin/webhooks/retry" item={d} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
