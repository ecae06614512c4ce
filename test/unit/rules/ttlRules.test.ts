import * as assert from 'node:assert/strict';
import { ttlRange } from '../../../src/core/rules/ttlRules';
import { assertClean, assertSeverity, check, only, payload } from '../core/testSupport';

const withTtl = (ttl: unknown) => check(payload({ text_message: { text: 'Hi' } }, { ttl }));

describe('ttl: whole seconds with "s", within the documented range', () => {
  it('accepts "Ns" and a number of seconds at both ends of the range, and a placeholder', () => {
    for (const ttl of ['3s', '86400s', `${ttlRange.max}s`, 3, 86400, ttlRange.max, '{{TTL}}']) assertClean(withTtl(ttl));
  });

  it('a string without the s, with a unit other than s, or with a fraction is ttl.format', () => {
    for (const ttl of ['3600', '10m', '1.5s', ' 10s', '']) {
      const d = only(withTtl(ttl), 'ttl.format');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, '/ttl');
      assert.match(d.message, /"10s"/);
    }
  });

  it('outside 3 to 315,576,000,000 seconds is ttl.range, with the limit passed', () => {
    for (const [ttl, limit] of [['2s', 3], [0, 3], [`${ttlRange.max + 1}s`, ttlRange.max], [ttlRange.max + 1, ttlRange.max]] as const) {
      const d = only(withTtl(ttl), 'ttl.range');
      assert.equal(d.data?.limit, limit);
    }
  });

  it('a fractional number or another type is the schema\'s finding, reported once', () => {
    only(withTtl(1.5), 'schema.type');
    only(withTtl(true), 'schema.type');
  });
});
