// Where the site's Discussion settings live. Implemented by storage/sql-settings-store.ts.

import type { DiscussionSettings } from '../domain/settings.ts';

export interface SettingsStore {
  /** The stored settings over the defaults. */
  discussion(): Promise<DiscussionSettings>;
  saveDiscussion(changes: Partial<DiscussionSettings>): Promise<DiscussionSettings>;
}
