// Values read from the database and kept in memory until told they changed: the Discussion
// settings and the articles commented on are read by every comment POST and every page render,
// and change a few times a day. Whoever changes them (an event here, a message from another
// instance, another process's commit seen through SQLite's data_version) calls `forget`.
//
// A read that was running when `forget` came is handed to those already waiting for it but not
// kept, so a value read before a change is never served after it. A failed read is not kept.

export class Remembered<T> {
  readonly #load: () => Promise<T>;
  #value: Promise<T> | undefined;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  get(): Promise<T> {
    if (this.#value) return this.#value;
    const value = this.#load();
    this.#value = value;
    value.catch(() => {
      if (this.#value === value) this.#value = undefined;
    });
    return value;
  }

  forget(): void {
    this.#value = undefined;
  }
}

/**
 * Like Remembered, one value per key, at most `maxKeys` kept (the oldest read goes first).
 * `keep` says whether a loaded value may be kept (not "not found": the row may appear later).
 */
export class RememberedByKey<K, T> {
  readonly #load: (key: K) => Promise<T>;
  readonly #keep: (value: T) => boolean;
  readonly #maxKeys: number;
  readonly #values = new Map<K, Promise<T>>();

  constructor(load: (key: K) => Promise<T>, options: { keep: (value: T) => boolean; maxKeys: number }) {
    this.#load = load;
    this.#keep = options.keep;
    this.#maxKeys = options.maxKeys;
  }

  get(key: K): Promise<T> {
    const known = this.#values.get(key);
    if (known) return known;
    const value = this.#load(key);
    if (this.#values.size >= this.#maxKeys) this.#values.delete(this.#values.keys().next().value as K);
    this.#values.set(key, value);
    const drop = () => {
      if (this.#values.get(key) === value) this.#values.delete(key);
    };
    value.then((v) => {
      if (!this.#keep(v)) drop();
    }, drop);
    return value;
  }

  forget(key: K): void {
    this.#values.delete(key);
  }

  forgetAll(): void {
    this.#values.clear();
  }
}
