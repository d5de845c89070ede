// parseFormBody: what a browser's urlencoded form becomes, and what is refused.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFormBody, UnreadableForm } from './form-body.ts';

describe('parseFormBody', () => {
  it('reads fields as a browser encodes them: + is a space, repeats become a list, a lone % stays', () => {
    const fields = parseFormBody('comment=50%25+off%21+100%+sure&tag=a&tag=b&empty=&bare&caf%C3%A9=%F0%9F%98%80');
    assert.deepEqual({ ...fields }, { comment: '50% off! 100% sure', tag: ['a', 'b'], empty: '', bare: '', café: '😀' });
  });

  it('treats __proto__ as an ordinary field name', () => {
    const fields = parseFormBody('__proto__=x&constructor=y');
    assert.equal(fields['__proto__'], 'x');
    assert.equal(Object.getPrototypeOf(fields), null);
  });

  it('refuses bytes that are not UTF-8, NULs and bracketed names, keeping the comment readable', () => {
    const kept = (body: string) => {
      try {
        parseFormBody(body);
        return null;
      } catch (e) {
        assert.ok(e instanceof UnreadableForm);
        return [e.reason, e.keptComment];
      }
    };
    assert.deepEqual(kept('comment=%FF'), ['not_utf8', '\uFFFD']);
    assert.deepEqual(kept('comment=caf%E9'), ['not_utf8', 'caf\uFFFD']);
    assert.deepEqual(kept('comment=caf\uFFFD'), ['not_utf8', 'caf\uFFFD']);
    assert.deepEqual(kept('comment=a%00b'), ['nul', 'ab']);
    assert.deepEqual(kept('comment[]=a&comment[]=b'), ['bracketed_name', 'a\n\nb']);
    assert.deepEqual(kept('author[x]=y'), ['bracketed_name', '']);
  });
});
