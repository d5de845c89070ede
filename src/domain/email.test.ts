import { it } from 'node:test';
import assert from 'node:assert/strict';
import { isEmail } from './email.ts';

it('accepts the addresses WordPress accepts', () => {
  for (const ok of ['ada@example.com', 'a.b+tag@mail.example.co.uk', "o'neil@example.ie", 'x_y@sub-domain.example.org']) {
    assert.equal(isEmail(ok), true, ok);
  }
});

it('refuses what WordPress refuses', () => {
  for (const bad of ['a@b.c'.slice(0, 4), 'no-at-sign.example.com', '@example.com', 'ada@localhost', 'ada@example..com', 'ada@.example.com', 'ada@example.com.', 'ada@-example.com', 'ada@exa_mple.com', 'a da@example.com', 'ada@exämple.com']) {
    assert.equal(isEmail(bad), false, bad);
  }
});
