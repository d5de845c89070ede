// SettingsStore over Kysely: the Discussion settings as one JSON value over the defaults.

import type { Kysely } from 'kysely';
import { defaultDiscussionSettings, type DiscussionSettings } from '../domain/settings.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { Database } from './schema.ts';
import { Remembered } from '../lib/remembered.ts';
import type { RememberOptions } from './sql-stores.ts';

const key = 'discussion';
const secretKey = 'secret';

export class SqlSettingsStore implements SettingsStore {
  readonly #db: Kysely<Database>;
  readonly #remembered: Remembered<DiscussionSettings> | undefined;
  readonly #freshen: () => void;

  /** With `remember`, the settings are read once and kept until `forget` (lib/remembered.ts). */
  constructor(db: Kysely<Database>, remember?: RememberOptions) {
    this.#db = db;
    this.#remembered = remember ? new Remembered(() => this.#read()) : undefined;
    this.#freshen = remember?.freshen ?? (() => undefined);
  }

  discussion(): Promise<DiscussionSettings> {
    if (!this.#remembered) return this.#read();
    this.#freshen();
    return this.#remembered.get();
  }

  /** Drops the kept settings: they changed elsewhere. */
  forget(): void {
    this.#remembered?.forget();
  }

  async #read(): Promise<DiscussionSettings> {
    const row = await this.#db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    const stored = row ? (JSON.parse(row.value) as Partial<DiscussionSettings>) : {};
    return { ...defaultDiscussionSettings, ...stored };
  }

  /** The site secret kept in the database: created once by whichever instance comes first. */
  async sharedSecret(generate: () => string): Promise<string> {
    await this.#db
      .insertInto('settings')
      .values({ key: secretKey, value: generate() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.#db.selectFrom('settings').select('value').where('key', '=', secretKey).executeTakeFirstOrThrow();
    return row.value;
  }

  /** Stores a secret brought from elsewhere (a SQLite site copied here), if none is stored yet. */
  async adoptSecret(secret: string): Promise<void> {
    await this.#db
      .insertInto('settings')
      .values({ key: secretKey, value: secret })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async saveDiscussion(changes: Partial<DiscussionSettings>): Promise<DiscussionSettings> {
    const next = { ...(await this.#read()), ...changes };
    const value = JSON.stringify(next);
    try {
      await this.#db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    } finally {
      this.forget();
    }
    return next;
  }
}
