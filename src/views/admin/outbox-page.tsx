/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The outbox in the admin: how many mails wait, went out or failed, the latest of them with the
// SMTP error when there is one, and a button to try a waiting or failed mail again now.

import type { OutboxEntry, OutboxStatus } from '../../domain/mail.ts';
import { formatDate } from '../site.ts';
import { AdminLayout, QueueState, RetryNow, type AdminContext } from './admin-layout.tsx';

const labels: Record<OutboxStatus, string> = { queued: 'Waiting', sending: 'Sending', sent: 'Sent', failed: 'Failed' };

export interface OutboxPageProps {
  readonly ctx: AdminContext;
  readonly status: OutboxStatus | null;
  readonly counts: Record<OutboxStatus, number>;
  readonly entries: readonly OutboxEntry[];
  readonly delivery: string;
}

export function OutboxPageView({ ctx, status, counts, entries, delivery }: OutboxPageProps) {
  const tabs: (OutboxStatus | null)[] = [null, 'queued', 'sending', 'sent', 'failed'];
  return (
    <AdminLayout ctx={ctx} title="Mail" current="/admin/outbox">
      <p>{delivery} Delivered mails are kept here (without their text) for 30 days.</p>
      <nav aria-label="Mail by status" class="tabs">
        <ul>
          {tabs.map((t) => (
            <li>
              <a href={t ? `/admin/outbox?status=${t}` : '/admin/outbox'} aria-current={t === status ? 'page' : undefined}>
                {t ? `${labels[t]} (${counts[t]})` : 'All'}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {entries.length === 0 ? (
        <p>No mail here.</p>
      ) : (
        <table class="log">
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>{formatDate(ctx.site, e.createdAt)}</td>
                <td>{e.to}</td>
                <td>{e.subject}</td>
                <td>
                  <QueueState ctx={ctx} label={labels[e.status]} item={{ ...e, doneAt: e.sentAt }} />
                </td>
                <td>{e.attempts}</td>
                <td>{e.lastError ?? ''}</td>
                <td>
                  <RetryNow ctx={ctx} action="/admin/outbox" item={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
