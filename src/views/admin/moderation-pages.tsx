/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The moderation queue (tabs with counts, filters, each comment with its article, author
// history and reasons, actions one by one or in bulk) and the moderation log.

import { articlePath } from '../../domain/article.ts';
import type { ModerationLogEntry, QueuePage, QueueTab } from '../../domain/moderation.ts';
import { RawHtml } from '../raw-html.tsx';
import { ReaderReports } from './reader-reports.tsx';
import { formatDate } from '../site.ts';
import { AdminLayout, Csrf, type AdminContext } from './admin-layout.tsx';

export interface QueueFilters {
  readonly tab: QueueTab;
  readonly article: string;
  readonly author: string;
  readonly q: string;
}

const tabLabels: Record<QueueTab, string> = { pending: 'Pending', reported: 'Reported', approved: 'Approved', spam: 'Spam', trash: 'Trash', all: 'All' };
const actionsFor: Record<string, [string, string, string][]> = {
  // [action, label, keyboard shortcut]
  pending: [['approve', 'Approve', 'a'], ['spam', 'Spam', 's'], ['trash', 'Trash', 'd']],
  approved: [['hold', 'Unapprove', 'u'], ['spam', 'Spam', 's'], ['trash', 'Trash', 'd']],
  spam: [['restore', 'Not spam', 'r'], ['trash', 'Trash', 'd']],
  trash: [['restore', 'Restore', 'r']],
};

/** Counts above the cap read "10,000+" (the queue counts no further, to stay fast). */
const countLabel = (n: number) => (n > 10_000 ? '10,000+' : n.toLocaleString('en-US'));

function query(f: QueueFilters, changes: Partial<QueueFilters> & { before?: number } = {}): string {
  const all = { ...f, ...changes };
  const p = new URLSearchParams();
  p.set('status', all.tab);
  if (all.article) p.set('article', all.article);
  if (all.author) p.set('author', all.author);
  if (all.q) p.set('q', all.q);
  if (changes.before) p.set('before', String(changes.before));
  return `/admin/comments?${p}`;
}

export function QueuePageView({ ctx, page, filters, notice }: { ctx: AdminContext; page: QueuePage; filters: QueueFilters; notice: string | null }) {
  return (
    <AdminLayout ctx={ctx} title="Comments" current="/admin/comments">
      <nav class="tabs" aria-label="Comment status">
        <ul>
          {(Object.keys(tabLabels) as QueueTab[]).map((tab) => (
            <li>
              <a href={query(filters, { tab })} aria-current={filters.tab === tab ? 'page' : undefined}>
                {tabLabels[tab]} <span class="count">{countLabel(page.counts[tab])}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/admin/comments" class="filters" role="search">
        <input type="hidden" name="status" value={filters.tab} />
        <label>
          Article id <input name="article" inputMode="numeric" size={6} value={filters.article} />
        </label>
        <label>
          Author (name or email) <input name="author" value={filters.author} />
        </label>
        <label>
          Words <input name="q" type="search" value={filters.q} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {page.items.length === 0 ? (
        <p>No comments here.</p>
      ) : (
        <form method="post" action={`/admin/comments?${new URLSearchParams({ status: filters.tab, article: filters.article, author: filters.author, q: filters.q })}`} class="queue-form">
          <Csrf ctx={ctx} />
          <p class="bulk">
            <label>
              With the selected:{' '}
              <select name="action">
                <option value="approve">Approve</option>
                <option value="hold">Unapprove</option>
                <option value="spam">Spam</option>
                <option value="trash">Trash</option>
                <option value="restore">Restore</option>
              </select>
            </label>{' '}
            <button type="submit" name="bulk" value="1">
              Apply
            </button>{' '}
            <span class="hint">Keys: j/k move, x select, a approve, s spam, d trash, r restore, u unapprove, f feature, ? help</span>
          </p>
          <ol class="queue" id="queue">
            {page.items.map(({ comment: c, article, history, reports }) => (
              <li class={`queue-item status-${c.status}`} id={`q-${c.id}`} tabIndex={-1} data-comment-id={String(c.id)}>
                <div class="queue-head">
                  <input type="checkbox" name="ids" value={String(c.id)} aria-label={`Select comment ${c.id}`} />{' '}
                  <strong>{c.authorName}</strong> <span class="muted">&lt;{c.authorEmail}&gt;</span>{' '}
                  <span class="history" title="This author's comments by status">
                    {history.approved} approved · {history.pending} pending · {history.spam} spam
                  </span>
                </div>
                <p class="muted">
                  #{c.id} on{' '}
                  {article ? <a href={`${articlePath(article)}#comment-${c.id}`}>{article.title}</a> : `article ${c.articleId}`} ·{' '}
                  <time dateTime={c.createdAt.toISOString()}>{formatDate(ctx.site, c.createdAt)}</time> · {c.status}
                  {c.parentId ? ` · reply to #${c.parentId}` : ''}
                </p>
                {c.reasons.length > 0 ? (
                  <ul class="reasons" aria-label="Why it was held">
                    {c.reasons.map((r) => (
                      <li>{r.detail}</li>
                    ))}
                  </ul>
                ) : null}
                {reports ? <ReaderReports commentId={c.id} reports={reports} /> : null}
                <RawHtml class="comment-body" html={c.bodyHtml} />
                <p class="actions">
                  {(actionsFor[c.status] ?? []).map(([action, label, key]) => (
                    <button type="submit" name="one" value={`${action}:${c.id}`} data-key={key}>
                      {label}
                    </button>
                  ))}{' '}
                  {c.status === 'approved' ? (
                    <button type="submit" name="one" value={`${c.featuredAt ? 'unfeature' : 'feature'}:${c.id}`} data-key="f">
                      {c.featuredAt ? 'Unfeature' : 'Feature'}
                    </button>
                  ) : null}{' '}
                  <a href={`/admin/log?comment=${c.id}`}>History</a>
                  {c.editedAt ? <span class="muted"> · edited</span> : null}
                  {c.featuredAt ? <span class="badge badge-pick">Editors’ pick</span> : null}
                </p>
                <details class="write-actions">
                  <summary>Edit or reply…</summary>
                  <label>
                    Text <textarea name="text" form={`write-${c.id}`} rows={4}>{c.bodyText}</textarea>
                  </label>
                  <button type="submit" form={`write-${c.id}`} formAction="/admin/comments/edit">
                    Save edit
                  </button>{' '}
                  {c.status === 'approved' ? (
                    <>
                      <label>
                        Reply as staff <textarea name="text" form={`reply-${c.id}`} rows={3} />
                      </label>
                      <button type="submit" form={`reply-${c.id}`}>
                        Post reply
                      </button>
                    </>
                  ) : null}
                </details>
                <details class="commenter-actions">
                  <summary>Commenter…</summary>
                  <label>
                    Why (for the log) <input name={`reason-${c.id}`} form={`rule-${c.id}`} maxLength={500} />
                  </label>{' '}
                  <label>
                    <input type="checkbox" name="network" value="1" form={`rule-${c.id}`} /> also their network
                  </label>{' '}
                  <button type="submit" name="kind" value="premoderate" form={`rule-${c.id}`}>
                    Always hold
                  </button>{' '}
                  <button type="submit" name="kind" value="ban" form={`rule-${c.id}`}>
                    Ban
                  </button>
                </details>
              </li>
            ))}
          </ol>
        </form>
      )}
      {page.items.map(({ comment: c }) => (
        // Forms of their own for the per-commenter buttons above (forms cannot nest).
        <>
          <form method="post" action="/admin/commenters" id={`rule-${c.id}`} hidden>
            <Csrf ctx={ctx} />
            <input type="hidden" name="comment_id" value={String(c.id)} />
          </form>
          <form method="post" action="/admin/comments/edit" id={`write-${c.id}`} hidden>
            <Csrf ctx={ctx} />
            <input type="hidden" name="comment_id" value={String(c.id)} />
          </form>
          <form method="post" action="/admin/comments/reply" id={`reply-${c.id}`} hidden>
            <Csrf ctx={ctx} />
            <input type="hidden" name="comment_id" value={String(c.id)} />
          </form>
        </>
      ))}
      {page.nextBefore ? (
        <p>
          <a href={query(filters, { before: page.nextBefore })}>Older comments →</a>
        </p>
      ) : null}
      <dialog id="shortcuts" aria-label="Keyboard shortcuts">
        <p>j / k: next / previous comment · x: select · a: approve · s: spam · d: trash · r: restore · u: unapprove · f: feature / unfeature · ?: this help</p>
        <form method="dialog">
          <button>Close</button>
        </form>
      </dialog>
    </AdminLayout>
  );
}

export function LogPageView({ ctx, entries, commentFilter }: { ctx: AdminContext; entries: readonly ModerationLogEntry[]; commentFilter: string }) {
  return (
    <AdminLayout ctx={ctx} title="Moderation log" current="/admin/log">
      <form method="get" action="/admin/log" class="filters" role="search">
        <label>
          Comment id <input name="comment" inputMode="numeric" size={8} value={commentFilter} />
        </label>{' '}
        <button type="submit">Filter</button>
      </form>
      {entries.length === 0 ? (
        <p>No moderation actions yet.</p>
      ) : (
        <table class="log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Comment</th>
              <th scope="col">From → to</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>
                  <time dateTime={e.at.toISOString()}>{formatDate(ctx.site, e.at)}</time>
                </td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>
                  <a href={`/admin/log?comment=${e.commentId}`}>#{e.commentId}</a>
                </td>
                <td>
                  {e.fromStatus} → {e.toStatus}
                </td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
