import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ipInRange, parseIpRange, ruleMatches } from './commenter-rule.ts';

it('matches an address inside an IPv4 or IPv6 range, and nothing outside', () => {
  assert.equal(ipInRange('203.0.113.77', '203.0.113.0/24'), true);
  assert.equal(ipInRange('203.0.114.1', '203.0.113.0/24'), false);
  assert.equal(ipInRange('::ffff:203.0.113.9', '203.0.113.0/24'), true);
  assert.equal(ipInRange('2001:db8:1:2::5', '2001:db8:1::/48'), true);
  assert.equal(ipInRange('2001:db9::5', '2001:db8::/32'), false);
  assert.equal(ipInRange('203.0.113.1', '2001:db8::/32'), false);
  assert.equal(ipInRange('garbage', '203.0.113.0/24'), false);
});

it('accepts ranges from /8 down to single addresses and refuses the rest', () => {
  assert.equal(parseIpRange('203.0.113.0/24'), '203.0.113.0/24');
  assert.equal(parseIpRange('203.0.113.5'), '203.0.113.5/32');
  assert.equal(parseIpRange('2001:DB8::/48'), '2001:db8::/48');
  assert.equal(parseIpRange('10.0.0.0/4'), undefined);
  assert.equal(parseIpRange('not an ip'), undefined);
  assert.equal(parseIpRange(''), undefined);
});

it('matches a commenter by the keyed email hash or by the range', () => {
  assert.equal(ruleMatches({ emailHash: 'h1', ipRange: null }, { emailHash: 'h1', ip: '192.0.2.1' }), true);
  assert.equal(ruleMatches({ emailHash: 'h1', ipRange: null }, { emailHash: 'h2', ip: '192.0.2.1' }), false);
  assert.equal(ruleMatches({ emailHash: null, ipRange: '192.0.2.0/24' }, { emailHash: 'h2', ip: '192.0.2.1' }), true);
});
