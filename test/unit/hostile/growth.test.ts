import * as assert from 'node:assert/strict';
import { assertGrowsLinearly } from './growth';

// The measure the linearity tests rely on: it must pass what is linear and fail what is not.
describe('assertGrowsLinearly, the measure of the linear-time tests', function () {
  this.timeout(120_000);
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('passes a linear stage, also one that allocates a large buffer per run (collections must not read as growth)', () => {
    assertGrowsLinearly('sum', numbers, (a) => a.reduce((s, x) => s + x, 0), 100_000);
    assertGrowsLinearly('fill a large buffer', (n) => n, (n) => new Int32Array(n).fill(7).reduce((s, x) => s + x, 0), 500_000);
  });

  it('fails a quadratic stage, naming it and the ratio', () => {
    const pairs = (a: number[]) => {
      let s = 0;
      for (const x of a) for (const y of a) s += x ^ y;
      return s;
    };
    assert.throws(() => assertGrowsLinearly('pairs', numbers, pairs, 1000), /pairs: quadrupling the input \(1000 → 4000\) multiplied the time by \d+\.\d\d; the bound is 8 \(linear is 4, quadratic 16\)/);
  });
});
