// What every page needs to know about the site: its name, how to show dates, where assets are.

import type { Messages } from './messages.ts';

export interface SiteView {
  readonly name: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly messages: Messages;
  /** Asset URLs with a content hash, so browsers may cache them for good. */
  readonly assets: { readonly css: string; readonly js: string };
}

export function formatDate(site: SiteView, date: Date, withTime = true): string {
  return new Intl.DateTimeFormat(site.locale, {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: site.timeZone,
  }).format(date);
}
