/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The privacy page, written from the site's actual settings, and the "Your data" pages: ask
// for an export or an erasure, then confirm it from the mailed link.

import { Layout } from './layout.tsx';
import type { SiteView } from './site.ts';

/** The facts the privacy page states; each comes from configuration or code, not prose. */
export interface PrivacyFacts {
  readonly ipRetentionDays: number;
  readonly pendingCookieHours: number;
  readonly rememberCookieDays: number;
  readonly staffSessionDays: number;
  readonly holdsForReview: boolean;
  /** How long a commenter may edit their comment (dateline_own), 0 = not at all. */
  readonly editWindowMinutes: number;
}

export function PrivacyPage({ site, facts }: { site: SiteView; facts: PrivacyFacts }) {
  return (
    <Layout site={site} title={`Privacy — ${site.name}`} description={`What ${site.name} stores about readers and commenters, for how long, and how to get it erased.`}>
      <article class="privacy-page prose">
        <h1>Privacy</h1>
        <p>Reading {site.name} stores nothing about you: no cookies, no analytics, no third-party scripts, fonts or images. Our server logs record the page, the status and the time — not your IP address.</p>
        <h2>When you comment</h2>
        <ul>
          <li>We store your name, email address, website (if you give one), your comment, the time, your IP address and your browser’s user agent.</li>
          <li>Your name, website and comment are public{facts.holdsForReview ? ' once a moderator approves the comment' : ''}. Your email address is never published, never shown to other readers, and never sent to anyone else — not even as a hash.</li>
          <li>
            Your full IP address is kept for {facts.ipRetentionDays} day{facts.ipRetentionDays === 1 ? '' : 's'} to deal with abuse; after that only its network is kept (the first three parts of an IPv4 address, the first half of an IPv6 address).
          </li>
          <li>Your picture beside the comment is drawn by our server from a keyed code of your email address; no avatar service is contacted.</li>
          <li>Comments are checked for spam by our own rules on our own server; nothing is sent to an outside service.</li>
          <li>When you report a comment we keep your reason and note, and only keyed codes of your IP address (with your browser) and of its network, so that each reader reports a comment once; never the address itself.</li>
        </ul>
        <h2>Cookies</h2>
        <ul>
          <li>
            <code>dateline_pending</code>: after you post a comment that waits for moderation, this signed cookie lets you (and only you) see it for {facts.pendingCookieHours} hours.
          </li>
          {facts.editWindowMinutes > 0 ? (
            <li>
              <code>dateline_own</code>: after you post a comment, this signed cookie lets you (and only you) edit or delete it for {facts.editWindowMinutes} minute{facts.editWindowMinutes === 1 ? '' : 's'}; it expires an hour after that.
            </li>
          ) : null}
          <li>
            <code>dateline_commenter</code>: only if you tick “Save my name, email, and website in this browser”, it keeps them for {facts.rememberCookieDays} days so the form is filled in next time. Untick the box on your next comment to remove it.
          </li>
          <li>
            <code>dateline_session</code>: for staff who sign in, for up to {facts.staffSessionDays} days.
          </li>
        </ul>
        <h2>Mail</h2>
        <p>We mail you only if you ask to be notified of replies or new comments, and only after you confirm your address from the first mail. Every mail has a link that stops it at once.</p>
        <h2>Your data</h2>
        <p>
          You can get a copy of everything we store about your comments, or have your name, email address, website, IP address and user agent erased from all of them (and, if you wish, the comments themselves replaced by “[deleted]”):{' '}
          <a href="/privacy/your-data">ask for your data or its erasure</a>. We mail a link to the address you give, so only its owner can do it.
        </p>
      </article>
    </Layout>
  );
}

export interface YourDataPageProps {
  readonly site: SiteView;
  readonly email: string;
  readonly kind: 'export' | 'erase';
  readonly error: string | null;
  /** After a request: the same answer whether or not the address has comments here. */
  readonly sent: boolean;
}

export function YourDataPage({ site, email, kind, error, sent }: YourDataPageProps) {
  return (
    <Layout site={site} title={`Your data — ${site.name}`}>
      <div class="your-data-page">
        <h1>Your data</h1>
        {sent ? (
          <p role="status">If we have comments or notifications for that address, a mail with a link is on its way. The link works for an hour.</p>
        ) : (
          <p>Enter the email address you comment with. We mail it a link; nothing happens until you open it and confirm.</p>
        )}
        <form method="post" action="/privacy/your-data" class="your-data-form" novalidate>
          {error ? (
            <p class="field-error" id="email-error" role="alert">
              {error}
            </p>
          ) : null}
          <p>
            <label for="email">Email</label>
            <input id="email" name="email" type="email" required autoComplete="email" value={email} maxLength={200} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'email-error' : undefined} />
          </p>
          <fieldset>
            <legend>What should we do?</legend>
            <p>
              <input id="kind-export" type="radio" name="kind" value="export" checked={kind === 'export'} /> <label for="kind-export">Mail me a copy of my data (JSON)</label>
            </p>
            <p>
              <input id="kind-erase" type="radio" name="kind" value="erase" checked={kind === 'erase'} /> <label for="kind-erase">Erase my name, email, website and IP address from my comments</label>
            </p>
          </fieldset>
          <p>
            <button type="submit">Send me the link</button>
          </p>
        </form>
      </div>
    </Layout>
  );
}

export function YourDataConfirmPage({ site, token, kind }: { site: SiteView; token: string; kind: 'export' | 'erase' }) {
  const isExport = kind === 'export';
  return (
    <Layout site={site} title={`Your data — ${site.name}`}>
      <div class="your-data-page">
        <h1>{isExport ? 'Send you your data?' : 'Erase your data?'}</h1>
        <p>
          {isExport
            ? 'We will mail you a JSON file with every comment made with your address (including held and removed ones), what we store about each, and your notifications.'
            : 'Your name becomes “Anonymous”, and your email, website, IP address and user agent are removed from every comment made with your address. Your notifications stop. This cannot be undone.'}
        </p>
        <form method="post" action="/privacy/your-data/confirm">
          <input type="hidden" name="token" value={token} />
          {isExport ? null : (
            <p>
              <input id="delete-comments" type="checkbox" name="delete_comments" value="1" /> <label for="delete-comments">Also delete the text of my comments (each becomes “[deleted]” so replies keep their place)</label>
            </p>
          )}
          <p>
            <button type="submit" class={isExport ? undefined : 'button-danger'}>
              {isExport ? 'Mail me my data' : 'Erase my data'}
            </button>
          </p>
        </form>
      </div>
    </Layout>
  );
}
