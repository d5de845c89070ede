// The old addresses of imported articles (WordPress permalinks, `/?p=123`) as one comparable
// key: the decoded path, plus `?p=N` or `?page_id=N` when the address had one (other query
// parameters, such as tracking tags, do not change which article is meant). Pure.

/** The key of an address given as a path and its query (`/2014/test/`, `?p=4&utm_source=x`). */
export function oldUrlKey(pathname: string, search: string): string {
  const query = new URLSearchParams(search);
  const id = ['p', 'page_id'].map((name) => [name, query.get(name)] as const).find(([, v]) => v !== null && /^\d+$/.test(v));
  return `${decodePath(pathname)}${id ? `?${id[0]}=${id[1]}` : ''}`;
}

/** The key of an absolute or root-relative address (a WXR `<link>`, a Disqus thread link); null if it is none. */
export function oldUrlKeyOf(address: string): string | null {
  try {
    const url = new URL(address, 'http://old.invalid');
    return oldUrlKey(url.pathname, url.search);
  } catch {
    return null;
  }
}

/** The keys a request for this path and query may have been stored under (with and without the last slash). */
export function oldUrlCandidates(pathname: string, search: string): string[] {
  const key = oldUrlKey(pathname, search);
  const [path, query = ''] = key.split('?');
  if (path === '/' || path === '') return [key];
  const other = path!.endsWith('/') ? path!.slice(0, -1) : `${path}/`;
  return [key, query ? `${other}?${query}` : other];
}

function decodePath(pathname: string): string {
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}
