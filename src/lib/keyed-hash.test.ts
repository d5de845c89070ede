import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { KeyedHash } from './keyed-hash.ts';

const a = new KeyedHash('secret-one-secret-one');
const b = new KeyedHash('secret-two-secret-two');

it('gives one stable hash per site that another site cannot reproduce', () => {
  assert.equal(a.hash('avatar', 'ada@example.com'), a.hash('avatar', 'ada@example.com'));
  assert.notEqual(a.hash('avatar', 'ada@example.com'), b.hash('avatar', 'ada@example.com'));
  assert.notEqual(a.hash('avatar', 'ada@example.com'), createHash('sha256').update('ada@example.com').digest('hex'));
  assert.notEqual(a.hash('avatar', 'x'), a.hash('ip', 'x'));
});

it('verifies its own signed tokens and refuses altered or foreign ones', () => {
  const token = a.sign('pending', [[1, 2]]);
  assert.deepEqual(a.verify('pending', token), [[1, 2]]);
  assert.equal(a.verify('commenter', token), undefined);
  assert.equal(b.verify('pending', token), undefined);
  const [body, sig] = token.split('.');
  const forged = Buffer.from(JSON.stringify([[99, 2]])).toString('base64url');
  assert.equal(a.verify('pending', `${forged}.${sig}`), undefined);
  assert.equal(a.verify('pending', `${body}`), undefined);
  assert.equal(a.verify('pending', 'garbage.garbage'), undefined);
});
