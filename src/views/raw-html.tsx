/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The one way a view writes markup it did not build: only TrustedHtml (sanitised) gets through.

import type { TrustedHtml } from '../domain/trusted-html.ts';

export function RawHtml(props: { html: TrustedHtml; class?: string }) {
  return <div class={props.class} dangerouslySetInnerHTML={{ __html: props.html }} />;
}
