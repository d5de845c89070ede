import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Remembered, RememberedByKey } from './remembered.ts';

/** A load whose reads are counted and finished by hand. */
function source<T>() {
  const pending: ((value: T) => void)[] = [];
  let reads = 0;
  return {
    load: () => {
      reads++;
      return new Promise<T>((resolve) => pending.push(resolve));
    },
    finish: (value: T) => pending.shift()!(value),
    reads: () => reads,
  };
}

it('reads once and gives every later caller the same value until told to forget it', async () => {
  let reads = 0;
  const value = new Remembered(async () => ++reads);
  assert.equal(await value.get(), 1);
  assert.equal(await value.get(), 1);
  value.forget();
  assert.equal(await value.get(), 2);
  assert.equal(reads, 2);
});

it('does not keep a value whose read was running when it was told to forget', async () => {
  const db = source<string>();
  const value = new Remembered(db.load);
  const before = value.get();
  value.forget(); // the value changed while the read ran
  db.finish('old');
  assert.equal(await before, 'old', 'who asked before the change gets what was read');
  const after = value.get();
  assert.equal(db.reads(), 2, 'the next caller reads again');
  db.finish('new');
  assert.equal(await after, 'new');
});

it('does not keep a failed read', async () => {
  let fail = true;
  const value = new Remembered(async () => {
    if (fail) throw new Error('database unavailable');
    return 'settings';
  });
  await assert.rejects(value.get(), /database unavailable/);
  fail = false;
  assert.equal(await value.get(), 'settings');
});

it('keeps one value per key, never "not found", and forgets one key or all', async () => {
  const rows = new Map([[1, 'one'], [2, 'two']]);
  let reads = 0;
  const byId = new RememberedByKey(async (id: number) => (reads++, rows.get(id)), { keep: (v) => v !== undefined, maxKeys: 10 });
  assert.equal(await byId.get(1), 'one');
  assert.equal(await byId.get(3), undefined);
  rows.set(3, 'three'); // created after a miss
  assert.equal(await byId.get(3), 'three', 'a miss is read again');
  rows.set(1, 'uno');
  assert.equal(await byId.get(1), 'one', 'kept until forgotten');
  byId.forget(1);
  assert.equal(await byId.get(1), 'uno');
  rows.set(3, 'tres');
  byId.forgetAll();
  assert.equal(await byId.get(3), 'tres');
  assert.equal(reads, 5);
});

it('keeps at most maxKeys values, dropping the oldest read', async () => {
  let reads = 0;
  const byId = new RememberedByKey(async (id: number) => (reads++, `v${id}`), { keep: () => true, maxKeys: 2 });
  await byId.get(1);
  await byId.get(2);
  await byId.get(3); // 1 goes
  await byId.get(2);
  assert.equal(reads, 3, '2 was still kept');
  await byId.get(1);
  assert.equal(reads, 4, '1 was read again');
});
