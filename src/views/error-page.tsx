/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// Pages for what went wrong: not found, too large, our fault. When a reader's comment could
// not be posted, their text is shown again so nothing typed is lost.

import { Layout } from './layout.tsx';
import type { SiteView } from './site.ts';

export interface ErrorPageProps {
  readonly site: SiteView;
  readonly title: string;
  readonly text: string;
  readonly keptComment?: string;
}

export function ErrorPage({ site, title, text, keptComment }: ErrorPageProps) {
  const m = site.messages;
  return (
    <Layout site={site} title={`${title} — ${site.name}`}>
      <div class="error-page">
        <h1>{title}</h1>
        <p>{text}</p>
        {keptComment ? (
          <div class="kept-comment">
            <label for="kept-comment">{m.yourTextKept}</label>
            <textarea id="kept-comment" readOnly rows={8}>
              {keptComment}
            </textarea>
          </div>
        ) : null}
        <p>
          <a href="/">{m.backToFront}</a>
        </p>
      </div>
    </Layout>
  );
}
