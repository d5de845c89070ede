// Finished pages for anonymous readers, kept in memory and dropped precisely when what they
// show changes, or when time changes it (a scheduled article comes out, comments close by age).
// A page rendered while an invalidation happened is not stored (stale-write guard).

export interface CachedPage {
  readonly body: Buffer;
  readonly etag: string;
}

export class PageCache {
  readonly #pages = new Map<string, { page: CachedPage; tags: readonly string[]; expiresAtMs: number }>();
  #generation = 0;

  /** Take this before reading what a page shows; pass it back to `set`. */
  generation(): number {
    return this.#generation;
  }

  get(key: string, now: Date): CachedPage | undefined {
    const entry = this.#pages.get(key);
    if (entry && entry.expiresAtMs <= now.getTime()) {
      this.#pages.delete(key);
      return undefined;
    }
    return entry?.page;
  }

  /** Stores a page unless an invalidation happened since `generation`; `expiresAt` null = until invalidated. */
  set(key: string, entry: { tags: readonly string[]; page: CachedPage; generation: number; expiresAt?: Date | null }): void {
    if (entry.generation !== this.#generation) return;
    this.#pages.set(key, { page: entry.page, tags: entry.tags, expiresAtMs: entry.expiresAt?.getTime() ?? Infinity });
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
