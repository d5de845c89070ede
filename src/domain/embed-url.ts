// Another site's page that carries Dateline's comments (an embed thread): which page an
// address names, as one comparable key, and whether its site may embed. Pure.

/** Longer addresses are not pages anyone links to; refusing them bounds what a visitor can store. */
export const maxEmbedUrlLength = 1000;

export interface EmbedPage {
  /** The page's address as first seen, without query or fragment: where the thread's Dateline address redirects. */
  readonly url: string;
  /** Origin + path without trailing slashes: `https://blog.example/post/` and `…/post?utm=x#top` are one page. */
  readonly key: string;
  readonly origin: string;
}

/** The page an absolute http(s) address names, or null when it names none. */
export function readEmbedPage(raw: string): EmbedPage | null {
  const text = raw.trim();
  if (text === '' || text.length > maxEmbedUrlLength) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return null;
  const path = url.pathname.replace(/\/+$/, '');
  return { url: `${url.origin}${url.pathname}`, key: `${url.origin}${path === '' ? '/' : path}`, origin: url.origin };
}

/** Whether pages of `origin` may have threads (DATELINE_EMBED_ORIGINS lists origins exactly as browsers send them). */
export const mayEmbed = (origin: string, allowed: readonly string[]): boolean => allowed.includes(origin);

/** An embed thread's title: the page's title on one line, at most 200 characters, else its address. */
export function embedThreadTitle(raw: string, page: EmbedPage): string {
  const title = raw.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim().slice(0, 200).trim();
  return title === '' ? page.url : title;
}
