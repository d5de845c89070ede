import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commentId, staffId } from '../domain/ids.ts';
import { KeyedHash } from '../lib/keyed-hash.ts';
import { createMailLinks } from './mail-links.ts';

const links = createMailLinks(new KeyedHash('a-site-secret-of-some-length'), 'https://news.example');
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
const now = new Date('2026-11-30T12:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe('links in mails', () => {
  it('reads back a confirmation link for a week, then no more', () => {
    const token = tokenOf(links.confirm('hash-of-ada', now));
    assert.equal(links.readConfirm(token, later(6)), 'hash-of-ada');
    assert.equal(links.readConfirm(token, later(8)), undefined);
  });

  it('refuses a token signed for another purpose or by another site', () => {
    const manage = tokenOf(links.manage('hash-of-ada'));
    assert.equal(links.readConfirm(manage, now), undefined);
    assert.equal(links.readUnsubscribe(manage), undefined);
    const elsewhere = createMailLinks(new KeyedHash('another-site-secret-entirely'), 'https://other.example');
    assert.equal(elsewhere.readManage(manage), undefined);
    assert.equal(links.readManage(manage), 'hash-of-ada');
  });

  it('tells the three kinds of unsubscribe apart, and they never expire', () => {
    assert.deepEqual(links.readUnsubscribe(tokenOf(links.unsubscribe({ subscriptionId: 7 }))), { subscriptionId: 7 });
    assert.deepEqual(links.readUnsubscribe(tokenOf(links.unsubscribe({ emailHash: 'h' }))), { emailHash: 'h' });
    assert.deepEqual(links.readUnsubscribe(tokenOf(links.unsubscribe({ staffId: staffId(3) }))), { staffId: 3 });
  });

  it('binds a moderation link to one comment, one action and one staff member, for a week', () => {
    const token = tokenOf(links.moderate({ commentId: commentId(42), action: 'spam', staffId: staffId(2) }, now));
    assert.deepEqual(links.readModerate(token, later(1)), { commentId: 42, action: 'spam', staffId: 2 });
    assert.equal(links.readModerate(token, later(8)), undefined);
    const [body, mac] = token.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), a: 'approve' })).toString('base64url');
    assert.equal(links.readModerate(`${tampered}.${mac}`, now), undefined);
  });
});
