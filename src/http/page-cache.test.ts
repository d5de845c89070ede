import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageCache, type CachedPage } from './page-cache.ts';

const page = (text: string): CachedPage => ({ body: Buffer.from(text), etag: `"${text}"`, lastModified: 'Mon, 30 Nov 2026 06:00:00 GMT', variants: {} });

test('readers missing a page while it is rendered get that render, not one each', async () => {
  const cache = new PageCache();
  const generation = cache.generation();
  const finish = cache.beginRender('/a/', generation);
  const waiting = cache.rendered('/a/');
  // A second render of the same page in the same generation is a spare: it registers nothing.
  cache.beginRender('/a/', generation)();
  cache.set('/a/', { tags: ['article:1'], page: page('one'), generation });
  finish();
  assert.equal((await waiting)?.body.toString(), 'one');
  assert.equal(await cache.rendered('/a/'), undefined, 'nothing is running any more');
});

test('a render begun before an invalidation is never shared after it', async () => {
  const cache = new PageCache();
  const generation = cache.generation();
  const finish = cache.beginRender('/a/', generation);
  const before = cache.rendered('/a/');
  cache.invalidate('article:1');
  assert.equal(await cache.rendered('/a/'), undefined, 'a reader arriving after the change renders afresh');
  cache.set('/a/', { tags: ['article:1'], page: page('stale'), generation });
  finish();
  assert.equal(await before, undefined, 'the stale render stored nothing, so its waiters render afresh');
  assert.equal(cache.get('/a/', new Date()), undefined);
});

test('a render that stores nothing (a redirect, an error) releases its waiters', async () => {
  const cache = new PageCache();
  const finish = cache.beginRender('/b/', cache.generation());
  const waiting = cache.rendered('/b/');
  finish();
  assert.equal(await waiting, undefined);
});
