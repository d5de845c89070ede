import { it } from 'node:test';
import assert from 'node:assert/strict';
import { truncateIp } from './ip.ts';

it('keeps only the /24 of an IPv4 address and the /64 of an IPv6 address', () => {
  assert.equal(truncateIp('203.0.113.77'), '203.0.113.0');
  assert.equal(truncateIp('::ffff:198.51.100.9'), '198.51.100.0');
  assert.equal(truncateIp('2001:db8:85a3:1234:5678:8a2e:370:7334'), '2001:db8:85a3:1234::');
  assert.equal(truncateIp('2001:DB8::1'), '2001:db8:0:0::');
  assert.equal(truncateIp('::1'), '0:0:0:0::');
});

it('turns anything that is not an address into 0.0.0.0', () => {
  assert.equal(truncateIp('unknown'), '0.0.0.0');
  assert.equal(truncateIp(''), '0.0.0.0');
});
