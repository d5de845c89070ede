// Group commit: submissions that arrive while a write transaction is running wait for the next
// one, and run together in it, one after the other, so one durable commit (one fsync with SQLite's
// synchronous=FULL) covers the whole group. Each caller's promise settles only after that commit
// returned: acknowledged still means durable.
//
// Contract for `work`: a domain refusal (AppError) must be thrown before the work writes
// anything, as submit-comment's checks are; that item then fails alone and the others commit.
// Any other error (a failed statement, a failed commit) rolls the whole group back, and every
// item of the group is run again in a transaction of its own, so each gets its own outcome.

import { AppError } from '../domain/errors.ts';
import type { Transact } from './transact.ts';

interface Pending<S> {
  readonly work: (stores: S) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

class GroupFailed extends Error {}

export function groupCommit<S>(transact: Transact<S>, options: { maxGroup?: number } = {}): Transact<S> {
  const maxGroup = options.maxGroup ?? 128;
  let queue: Pending<S>[] = [];
  let running = false;

  async function runGroup(group: readonly Pending<S>[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group;
      await transact(only!.work).then(only!.resolve, only!.reject);
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = await transact(async (stores) => {
        const results: Outcome[] = [];
        for (const item of group) {
          try {
            results.push({ ok: true, value: await item.work(stores) });
          } catch (error) {
            if (!(error instanceof AppError)) throw new GroupFailed('group rolled back', { cause: error });
            results.push({ ok: false, error });
          }
        }
        return results;
      });
    } catch {
      // Nothing of the group was committed: each item again, alone.
      for (const item of group) await transact(item.work).then(item.resolve, item.reject);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const group = queue.slice(0, maxGroup);
        queue = queue.slice(group.length);
        await runGroup(group);
      }
    } finally {
      running = false;
    }
  }

  return <T>(work: (stores: S) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // Let the requests already read in this turn of the event loop join the group.
      if (!running) {
        running = true;
        setImmediate(() => void drain());
      }
    });
}
