import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhook, verifyWebhookSignature } from './sign-webhook.ts';

const secret = 'whsec_test-secret';
const body = '{"id":"d1","event":"ping","createdAt":"2026-11-29T12:00:00.000Z","data":{}}';
const at = new Date('2026-11-29T12:00:00Z');
const t = 1_795_953_600; // 2026-11-29T12:00:00Z in Unix seconds

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, as t=…,v1=… in hex', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    assert.equal(signWebhook(secret, body, at), `t=${t},v1=${expected}`);
  });

  it('accepts its own signature within the tolerance, either side of the receiver’s clock', () => {
    const header = signWebhook(secret, body, at);
    assert.equal(verifyWebhookSignature(secret, header, body, at), true);
    assert.equal(verifyWebhookSignature(secret, header, Buffer.from(body), new Date(at.getTime() + 299_000)), true);
    assert.equal(verifyWebhookSignature(secret, header, body, new Date(at.getTime() - 299_000)), true);
  });

  it('refuses a tampered body, a wrong secret, and an old or future timestamp', () => {
    const header = signWebhook(secret, body, at);
    assert.equal(verifyWebhookSignature(secret, header, body.replace('ping', 'pong'), at), false, 'tampered body');
    assert.equal(verifyWebhookSignature(`${secret}x`, header, body, at), false, 'wrong secret');
    assert.equal(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 301_000)), false, 'too old');
    assert.equal(verifyWebhookSignature(secret, header, body, new Date(at.getTime() - 301_000)), false, 'from the future');
    assert.equal(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 3_600_000), 7200), true, 'a wider tolerance when asked');
  });

  it('refuses a replayed signature with its timestamp changed, and malformed headers', () => {
    const v1 = /v1=([0-9a-f]+)/.exec(signWebhook(secret, body, at))![1];
    assert.equal(verifyWebhookSignature(secret, `t=${t + 600},v1=${v1}`, body, new Date(at.getTime() + 600_000)), false);
    for (const header of [undefined, '', 'garbage', `t=${t}`, `v1=${v1}`, `t=${t},v1=${v1!.slice(2)}`, `t=abc,v1=${v1}`]) {
      assert.equal(verifyWebhookSignature(secret, header, body, at), false, String(header));
    }
  });

  it('accepts a header carrying several v1 values when one matches (a receiver rotating secrets)', () => {
    const good = /v1=([0-9a-f]+)/.exec(signWebhook(secret, body, at))![1];
    assert.equal(verifyWebhookSignature(secret, `t=${t},v1=${'0'.repeat(64)},v1=${good}`, body, at), true);
  });

  it('makes a different, long secret for each webhook', () => {
    const a = newWebhookSecret();
    const b = newWebhookSecret();
    assert.notEqual(a, b);
    assert.match(a, /^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
