/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The admin frame: a bar with the areas this role may open, the signed-in name, sign out.

import type { ComponentChildren } from 'preact';
import { canAccess, type AdminArea, type Staff } from '../../domain/staff.ts';
import { formatDate, type SiteView } from '../site.ts';

export interface AdminContext {
  readonly site: SiteView;
  /** Null on the sign-in and setup pages. */
  readonly staff: Staff | null;
  readonly csrfToken: string;
}

const areas: { area: AdminArea | 'any'; href: string; label: string }[] = [
  { area: 'dashboard', href: '/admin/', label: 'Dashboard' },
  { area: 'comments', href: '/admin/comments', label: 'Comments' },
  { area: 'comments', href: '/admin/log', label: 'Log' },
  { area: 'articles', href: '/admin/articles', label: 'Articles' },
  { area: 'comments', href: '/admin/commenters', label: 'Commenters' },
  { area: 'settings', href: '/admin/settings', label: 'Settings' },
  { area: 'settings', href: '/admin/outbox', label: 'Mail' },
  { area: 'settings', href: '/admin/webhooks', label: 'Webhooks' },
  { area: 'settings', href: '/admin/privacy', label: 'Privacy' },
  { area: 'staff', href: '/admin/staff', label: 'Staff' },
  { area: 'staff', href: '/admin/import', label: 'Import' },
  { area: 'any', href: '/admin/api-tokens', label: 'API tokens' },
];

export function AdminLayout({ ctx, title, current, children }: { ctx: AdminContext; title: string; current?: string; children: ComponentChildren }) {
  return (
    <html lang={ctx.site.locale.split('-')[0]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <title>{`${title} — ${ctx.site.name} admin`}</title>
        <link rel="stylesheet" href={ctx.site.assets.css} />
        <script src={ctx.site.assets.js} defer />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-bar">
          <a class="site-name" href="/">
            {ctx.site.name}
          </a>
          {ctx.staff ? (
            <nav aria-label="Admin">
              <ul>
                {areas
                  .filter((a) => a.area === 'any' || canAccess(ctx.staff!.role, a.area))
                  .map((a) => (
                    <li>
                      <a href={a.href} aria-current={current === a.href ? 'page' : undefined}>
                        {a.label}
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
          ) : null}
          {ctx.staff ? (
            <form method="post" action="/admin/logout" class="sign-out">
              <span>
                {ctx.staff.name} ({ctx.staff.role})
              </span>{' '}
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main id="main" class="admin-main">
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** The hidden field every state-changing admin form carries. */
export const Csrf = ({ ctx }: { ctx: AdminContext }) => <input type="hidden" name="_csrf" value={ctx.csrfToken} />;

/** A queued message's state: its label, when it was delivered, or when it is tried next after a failed attempt. */
export function QueueState({ ctx, label, item }: { ctx: AdminContext; label: string; item: { readonly status: string; readonly attempts: number; readonly nextAttemptAt: Date; readonly doneAt: Date | null } }) {
  return (
    <>
      {label}
      {item.status === 'sent' && item.doneAt ? ` ${formatDate(ctx.site, item.doneAt)}` : ''}
      {item.status === 'queued' && item.attempts > 0 ? `, next try ${formatDate(ctx.site, item.nextAttemptAt)}` : ''}
    </>
  );
}

/** "Try again now" for a queued message (mail, webhook delivery) that failed or waits for its next attempt. */
export function RetryNow({ ctx, action, item }: { ctx: AdminContext; action: string; item: { readonly id: number; readonly status: string; readonly attempts: number } }) {
  if (!(item.status === 'failed' || (item.status === 'queued' && item.attempts > 0))) return null;
  return (
    <form method="post" action={action}>
      <Csrf ctx={ctx} />
      <input type="hidden" name="id" value={String(item.id)} />
      <button type="submit">Try again now</button>
    </form>
  );
}

export function FieldErrors({ errors }: { errors: readonly { field: string | null; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <ul>
        {errors.map((e) => (
          <li>{e.message}</li>
        ))}
      </ul>
    </div>
  );
}
