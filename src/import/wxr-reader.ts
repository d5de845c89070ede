// Reads a WordPress eXtended RSS file (WXR 1.0, 1.1, 1.2) as a stream of records: the site's
// address, each author, each item (post, page, attachment…) and each of its comments. An item
// is handed over at its first comment (WordPress writes comments last), so a post with a
// million comments is never held whole; its comments follow one by one.

import { invalidRecord, readXml, type ProgressListener, type XmlHandler } from './xml-stream.ts';

export interface WxrAuthor {
  readonly login: string;
  readonly email: string;
  readonly displayName: string;
}

export interface WxrCategory {
  /** category, post_tag (tag in WXR 1.0), or another taxonomy. */
  readonly domain: string;
  readonly name: string;
}

export interface WxrItem {
  readonly fields: Readonly<Record<string, string>>;
  readonly categories: readonly WxrCategory[];
  /** Post meta Dateline reads back (`_dateline_*`), by key. */
  readonly meta: Readonly<Record<string, string>>;
}

export interface WxrComment {
  readonly fields: Readonly<Record<string, string>>;
  readonly meta: Readonly<Record<string, string>>;
}

export type WxrRecord =
  /** Before the first item: the WordPress blog's address (base_blog_url, base_site_url, else the channel's link; may be empty). */
  | { readonly type: 'site'; readonly baseUrl: string }
  | { readonly type: 'author'; readonly author: WxrAuthor }
  | { readonly type: 'item'; readonly item: WxrItem }
  | { readonly type: 'comment'; readonly comment: WxrComment };

/** Meta keys Dateline's own export writes, read back for an exact round trip. */
const keptMeta = /^_dateline_/;

function wxrHandler(): XmlHandler<WxrRecord> {
  let author: Record<string, string> = {};
  let item: { fields: Record<string, string>; categories: WxrCategory[]; meta: Record<string, string> } | null = null;
  let itemSent = false;
  let comment: { fields: Record<string, string>; meta: Record<string, string> } | null = null;
  let meta: { key: string; value: string } = { key: '', value: '' };
  let categoryDomain = '';
  let channelLink = '';
  let siteUrl = '';
  let siteSent = false;

  const sendItem = (emit: (r: WxrRecord) => void) => {
    if (item && !itemSent) emit({ type: 'item', item });
    itemSent = true;
  };

  return {
    open(element, parents, emit) {
      const parent = parents.at(-1);
      if (parents.length === 0 && element.name !== 'rss') throw invalidRecord(`this is not a WordPress export (the document is <${element.name}>, not <rss>)`);
      if (element.name === 'item' && parent === 'channel') {
        if (!siteSent) emit({ type: 'site', baseUrl: siteUrl || channelLink });
        siteSent = true;
        [item, itemSent] = [{ fields: {}, categories: [], meta: {} }, false];
      }
      else if (element.name === 'wp:comment' && parent === 'item') {
        sendItem(emit);
        comment = { fields: {}, meta: {} };
      } else if (element.name === 'wp:author' && parent === 'channel') author = {};
      else if (element.name === 'category' && parent === 'item') categoryDomain = element.attribute('domain') ?? '';
      else if (element.name === 'wp:postmeta' || element.name === 'wp:commentmeta') meta = { key: '', value: '' };
    },

    close(name, raw, parents, emit) {
      const parent = parents.at(-1);
      const text = raw.trim();
      if (parent === 'channel') {
        if (name === 'wp:wxr_version' && !/^\d+\.\d+$/.test(text)) throw invalidRecord(`the WXR version "${text}" is not a version number (such as 1.2)`);
        if (name === 'link') channelLink = text;
        if (name === 'wp:base_site_url' || (name === 'wp:base_blog_url' && text)) siteUrl = text;
        if (name === 'wp:author') emit({ type: 'author', author: { login: author['wp:author_login'] ?? '', email: author['wp:author_email'] ?? '', displayName: author['wp:author_display_name'] ?? '' } });
        if (name === 'item') {
          sendItem(emit);
          item = null;
        }
      } else if (parent === 'wp:author') author[name] = text;
      else if (parent === 'wp:postmeta' || parent === 'wp:commentmeta') {
        if (name === 'wp:meta_key') meta.key = text;
        if (name === 'wp:meta_value') meta.value = raw;
      } else if (parent === 'item' && item) {
        if (name === 'category') {
          if (categoryDomain) item.categories.push({ domain: categoryDomain, name: text });
        } else if (name === 'wp:postmeta') {
          if (keptMeta.test(meta.key)) item.meta[meta.key] = meta.value;
        } else if (name === 'wp:comment' && comment) {
          emit({ type: 'comment', comment });
          comment = null;
        } else if (!itemSent) item.fields[name] = name === 'content:encoded' ? raw : text;
      } else if (parent === 'wp:comment' && comment) {
        if (name === 'wp:commentmeta') {
          if (keptMeta.test(meta.key)) comment.meta[meta.key] = meta.value;
        } else comment.fields[name] = name === 'wp:comment_content' ? raw : text;
      }
    },
  };
}

export const readWxr = (file: string, onProgress?: ProgressListener): AsyncGenerator<WxrRecord> => readXml(file, wxrHandler(), onProgress);
