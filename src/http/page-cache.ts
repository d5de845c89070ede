// Finished pages for anonymous readers, kept in memory and dropped precisely when what they
// show changes, or when time changes it (a scheduled article comes out, comments close by age).
// A page rendered while an invalidation happened is not stored (stale-write guard).

export interface CachedPage {
  readonly body: Buffer;
  /** Strong tag of the uncompressed bytes; compressed variants append "-gzip" / "-br". */
  readonly etag: string;
  /** HTTP date the page was rendered (stored pages are dropped the moment they change). */
  readonly lastModified: string;
  /** Compressed copies, made on first request that accepts them and kept with the page. */
  readonly variants: { br?: Buffer; gzip?: Buffer };
}

export class PageCache {
  readonly #pages = new Map<string, { page: CachedPage; tags: readonly string[]; expiresAtMs: number }>();
  #generation = 0;
  #hits = 0;
  #misses = 0;
  /** Renders running per key, with the generation they began at: a miss meanwhile waits for one rather than repeating it. */
  readonly #rendering = new Map<string, { generation: number; page: Promise<CachedPage | undefined>; settle: (page: CachedPage | undefined) => void }>();
  /** Last-Modified last given out per key, so a page changed twice within a second still gets a newer date. */
  readonly #lastModified = new Map<string, number>();

  /** Take this before reading what a page shows; pass it back to `set`. */
  generation(): number {
    return this.#generation;
  }

  get(key: string, now: Date): CachedPage | undefined {
    const entry = this.#pages.get(key);
    if (entry && entry.expiresAtMs <= now.getTime()) this.#pages.delete(key);
    else if (entry) {
      this.#hits++;
      return entry.page;
    }
    this.#misses++;
    return undefined;
  }

  /** Stores a page unless an invalidation happened since `generation`; `expiresAt` null = until invalidated. */
  set(key: string, entry: { tags: readonly string[]; page: CachedPage; generation: number; expiresAt?: Date | null }): void {
    if (entry.generation !== this.#generation) return;
    this.#pages.set(key, { page: entry.page, tags: entry.tags, expiresAtMs: entry.expiresAt?.getTime() ?? Infinity });
    const running = this.#rendering.get(key);
    if (running?.generation === entry.generation) running.settle(entry.page);
  }

  /**
   * The page a render of `key` that began since the last invalidation is about to store, when
   * one is running: right after a new comment, a popular page is rendered once, not once per
   * reader arriving meanwhile. Undefined when none runs, or it stored nothing.
   */
  async rendered(key: string): Promise<CachedPage | undefined> {
    const running = this.#rendering.get(key);
    return running?.generation === this.#generation ? running.page : undefined;
  }

  /** Marks a render of `key` begun at `generation`; call the result when it is over (after `set`, or without storing). */
  beginRender(key: string, generation: number): () => void {
    if (this.#rendering.get(key)?.generation === generation) return () => undefined; // one is running: this one is a spare
    let settle!: (page: CachedPage | undefined) => void;
    const page = new Promise<CachedPage | undefined>((resolve) => (settle = resolve));
    const running = { generation, page, settle };
    this.#rendering.set(key, running);
    return () => {
      if (this.#rendering.get(key) === running) this.#rendering.delete(key);
      settle(undefined); // no effect once `set` settled it
    };
  }

  /**
   * The Last-Modified date for a page about to be rendered under `key`: `now` in whole seconds,
   * but always later than the one given for the key's previous page (If-Modified-Since has
   * one-second resolution, so two versions within a second must not share a date).
   */
  lastModifiedFor(key: string, now: Date): Date {
    const previous = this.#lastModified.get(key) ?? -Infinity;
    const ms = Math.max(Math.floor(now.getTime() / 1000) * 1000, previous + 1000);
    if (this.#lastModified.size > 100_000) this.#lastModified.clear(); // bound memory on a huge site
    this.#lastModified.set(key, ms);
    return new Date(ms);
  }

  invalidate(tag: string): void {
    this.#generation++;
    for (const [key, entry] of this.#pages) if (entry.tags.includes(tag)) this.#pages.delete(key);
  }

  clear(): void {
    this.#generation++;
    this.#pages.clear();
  }

  get size(): number {
    return this.#pages.size;
  }

  /** Lookups answered from memory since start (read by /metrics). */
  get hits(): number {
    return this.#hits;
  }

  /** Lookups that found nothing (or an expired page) since start. */
  get misses(): number {
    return this.#misses;
  }
}

export const articleTag = (id: number) => `article:${id}`;
export const frontPageTag = 'front';
/** What lists articles without their comments (the article feeds, sitemaps): dropped only when an article is saved. */
export const articleListTag = 'articles';
