// SettingsStore over Kysely: the Discussion settings as one JSON value over the defaults.

import type { Kysely } from 'kysely';
import { defaultDiscussionSettings, type DiscussionSettings } from '../domain/settings.ts';
import type { SettingsStore } from '../moderation/settings-store.ts';
import type { Database } from './schema.ts';

const key = 'discussion';

export class SqlSettingsStore implements SettingsStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async discussion(): Promise<DiscussionSettings> {
    const row = await this.#db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    const stored = row ? (JSON.parse(row.value) as Partial<DiscussionSettings>) : {};
    return { ...defaultDiscussionSettings, ...stored };
  }

  async saveDiscussion(changes: Partial<DiscussionSettings>): Promise<DiscussionSettings> {
    const next = { ...(await this.discussion()), ...changes };
    const value = JSON.stringify(next);
    await this.#db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    return next;
  }
}
