// Finished pages for anonymous readers, kept in memory and dropped precisely when what they
// show changes. A page rendered while an invalidation happened is not stored (stale-write guard).

export interface CachedPage {
  readonly body: Buffer;
  readonly etag: string;
}

export class PageCache {
  readonly #pages = new Map<string, { page: CachedPage; tags: readonly string[] }>();
  #generation = 0;

  /** Take this before reading what a page shows; pass it back to `set`. */
  generation(): number {
    return this.#generation;
  }

  get(key: string): CachedPage | undefined {
    return this.#pages.get(key)?.page;
  }

  set(key: string, tags: readonly string[], page: CachedPage, generation: number): void {
    if (generation !== this.#generation) return;
    this.#pages.set(key, { page, tags });
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
}

export const articleTag = (id: number) => `article:${id}`;
export const frontPageTag = 'front';
