/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The pages behind the links in mails: confirm an address, unsubscribe, manage notifications,
// moderate a held comment. Each shows what will happen and a button that does it (a POST):
// mail scanners open links, and a GET must never change anything.

import type { ComponentChildren } from 'preact';
import { Layout } from './layout.tsx';
import type { SiteView } from './site.ts';

export interface MailLinkPageProps {
  readonly site: SiteView;
  readonly title: string;
  readonly lines: readonly string[];
  /** The button that does it; absent once done or when there is nothing to do. */
  readonly action?: { readonly url: string; readonly token: string; readonly label: string; readonly danger?: boolean };
  readonly links?: readonly { readonly href: string; readonly label: string }[];
  readonly children?: ComponentChildren;
}

export function MailLinkPage({ site, title, lines, action, links = [], children }: MailLinkPageProps) {
  return (
    <Layout site={site} title={`${title} — ${site.name}`}>
      <div class="mail-link-page">
        <h1>{title}</h1>
        {lines.map((line) => (
          <p>{line}</p>
        ))}
        {children}
        {action ? (
          <form method="post" action={action.url}>
            <input type="hidden" name="token" value={action.token} />
            <button type="submit" class={action.danger ? 'button-danger' : undefined}>
              {action.label}
            </button>
          </form>
        ) : null}
        {links.map((l) => (
          <p>
            <a href={l.href}>{l.label}</a>
          </p>
        ))}
        <p>
          <a href="/">{site.messages.backToFront}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface ManagedSubscription {
  readonly id: number;
  readonly description: string;
  readonly articleUrl: string;
  readonly articleTitle: string;
}

/** Every subscription of one address, each with its own Stop button, and one to stop them all. */
export function ManageNotificationsPage({ site, token, subscriptions, done }: { site: SiteView; token: string; subscriptions: readonly ManagedSubscription[]; done?: string }) {
  const m = site.messages;
  return (
    <MailLinkPage site={site} title={m.manageTitle} lines={done ? [done] : []}>
      {subscriptions.length === 0 ? (
        <p>{m.manageNone}</p>
      ) : (
        <>
          <ul class="subscriptions">
            {subscriptions.map((s) => (
              <li>
                {s.description} <a href={s.articleUrl}>{s.articleTitle}</a>
                <form method="post" action="/notifications/manage" class="inline-form">
                  <input type="hidden" name="token" value={token} />
                  <input type="hidden" name="subscription" value={String(s.id)} />
                  <button type="submit" aria-label={`${m.stop}: ${s.description} ${s.articleTitle}`}>
                    {m.stop}
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action="/notifications/manage">
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="subscription" value="all" />
            <button type="submit" class="button-danger">
              {m.stopAll}
            </button>
          </form>
        </>
      )}
    </MailLinkPage>
  );
}
