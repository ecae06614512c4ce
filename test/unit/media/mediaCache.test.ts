import * as assert from 'node:assert/strict';
import { MediaCache, cachePolicyOf } from '../../../src/core/media/mediaCache';
import type { MediaFacts } from '../../../src/core/media/mediaFacts';

function facts(url: string, extra: Partial<MediaFacts> = {}): MediaFacts {
  return { url, finalUrl: url, redirects: 0, status: 200, dimensionsWanted: false, bodyBytesRead: 0, requests: 1, validators: {}, freshness: { noStore: false, maxAgeMs: undefined }, ...extra };
}

describe('media cache', () => {
  it('reads max-age, Age, no-cache and no-store', () => {
    assert.deepEqual(cachePolicyOf('public, max-age=600'), { noStore: false, maxAgeMs: 600_000 });
    assert.deepEqual(cachePolicyOf('max-age=600', '100'), { noStore: false, maxAgeMs: 500_000 });
    assert.deepEqual(cachePolicyOf('max-age=60', '100'), { noStore: false, maxAgeMs: 0 });
    assert.deepEqual(cachePolicyOf('no-cache, max-age=600'), { noStore: false, maxAgeMs: 0 });
    assert.deepEqual(cachePolicyOf('No-Store'), { noStore: true, maxAgeMs: undefined });
    assert.deepEqual(cachePolicyOf(undefined), { noStore: false, maxAgeMs: undefined });
    assert.deepEqual(cachePolicyOf('max-age=abc'), { noStore: false, maxAgeMs: undefined });
  });

  it('keeps facts fresh for max-age, then stale while they can be revalidated', () => {
    let now = 1000;
    const cache = new MediaCache({ now: () => now });
    cache.store(facts('https://a/x', { freshness: { noStore: false, maxAgeMs: 60_000 }, validators: { etag: '"1"' } }));
    assert.equal(cache.lookup('https://a/x')?.state, 'fresh');
    now += 60_001;
    assert.equal(cache.lookup('https://a/x')?.state, 'stale');
  });

  it('uses the default freshness without max-age and a short one for failures', () => {
    let now = 0;
    const cache = new MediaCache({ now: () => now, defaultTtlMs: 10_000, failureTtlMs: 1_000 });
    cache.store(facts('https://a/ok'));
    cache.store(facts('https://a/404', { failure: { kind: 'http-status', detail: '404 Not Found', status: 404 } }));
    now = 1_500;
    assert.equal(cache.lookup('https://a/ok')?.state, 'fresh');
    assert.equal(cache.lookup('https://a/404')?.state, 'stale');
  });

  it('stores nothing for no-store, for cancelled probes, nor for max-age=0 without validators', () => {
    const cache = new MediaCache();
    cache.store(facts('https://a/1', { freshness: { noStore: true, maxAgeMs: 600_000 } }));
    cache.store(facts('https://a/2', { failure: { kind: 'cancelled', detail: 'cancelled' } }));
    cache.store(facts('https://a/3', { freshness: { noStore: false, maxAgeMs: 0 } }));
    assert.equal(cache.size, 0);
    cache.store(facts('https://a/4', { freshness: { noStore: false, maxAgeMs: 0 }, validators: { etag: '"x"' } }));
    assert.equal(cache.lookup('https://a/4')?.state, 'stale');
  });

  it('drops the least recently used entry beyond its bound', () => {
    const cache = new MediaCache({ maxEntries: 2 });
    cache.store(facts('https://a/1'));
    cache.store(facts('https://a/2'));
    cache.lookup('https://a/1');
    cache.store(facts('https://a/3'));
    assert.equal(cache.lookup('https://a/2'), undefined);
    assert.ok(cache.lookup('https://a/1'));
    assert.ok(cache.lookup('https://a/3'));
  });
});
