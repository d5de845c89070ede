// JobStore over Kysely: one row per job; a conditional UPDATE is the claim, so the database
// decides which instance runs a job, on SQLite and PostgreSQL alike.

import type { Kysely } from 'kysely';
import type { JobStore } from '../jobs/job-store.ts';
import type { Database } from './schema.ts';

export class SqlJobStore implements JobStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async claim(query: { name: string; intervalMs: number; now: Date }): Promise<boolean> {
    const now = query.now.getTime();
    await this.#db
      .insertInto('job_runs')
      .values({ name: query.name, last_started_at: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const result = await this.#db
      .updateTable('job_runs')
      .set({ last_started_at: now })
      .where('name', '=', query.name)
      .where('last_started_at', '<=', now - query.intervalMs)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
