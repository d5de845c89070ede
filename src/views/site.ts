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

// Building an Intl.DateTimeFormat costs far more than using one (a profile of the queue put
// it first), so each site keeps one per style.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDate(site: SiteView, date: Date, withTime = true): string {
  const key = `${site.locale}|${site.timeZone}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(site.locale, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: site.timeZone });
    formatters.set(key, format);
  }
  return format.format(date);
}
