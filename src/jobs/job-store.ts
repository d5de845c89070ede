// The storage background jobs need to run once across instances. Implemented by
// storage/sql-job-store.ts.

export interface JobStore {
  /**
   * Claims the next run of `name` if its last run started at least `intervalMs` before `now`.
   * Atomic in the database, so of several instances asking at once exactly one gets true.
   */
  claim(query: { name: string; intervalMs: number; now: Date }): Promise<boolean>;
}
