import * as assert from 'node:assert/strict';
import { assertGrowsLinearly } from './growth';

// The measure the linearity tests rely on: it must pass what is linear and fail what is quadratic, also when a
// linear part still weighs at the small size.
describe('assertGrowsLinearly, the measure of the linear-time tests', function () {
  this.timeout(120_000);
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  /** n² / 2 cheap steps. */
  const pairs = (a: number[]) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) for (let j = i; j < a.length; j++) s += a[i]! ^ a[j]!;
    return s;
  };

  it('passes linear stages, also one that fills the heap with objects (its collections must not read as growth)', () => {
    assertGrowsLinearly('sum', numbers, sum, 100_000);
    assertGrowsLinearly('objects', (n) => n, (n) => {
      const made: { i: number; s: string }[] = [];
      for (let i = 0; i < n; i++) made.push({ i, s: `item ${i}` });
      return made.length;
    }, 100_000);
  });

  it('fails a quadratic stage, naming it, the ratio and the clock', () => {
    assert.throws(() => assertGrowsLinearly('pairs', numbers, pairs, 1000), /pairs: quadrupling the input \(1000 → 4000\) multiplied the time by \d+\.\d\d; the bound is 8 \(linear is 4, quadratic 16; (this thread's|the process's) CPU time\)/);
  });

  it('fails a stage whose quadratic part costs three times its linear part at the small size', () => {
    // The same step n²/2 times and 167·n times: a third of it linear at n = 1000, so (4 + 3·16) / 4 = 13 for four
    // times the input. Equal parts (10) sit too near the bound: a whole test run once measured them under 8.
    const linearPart = (a: number[]) => {
      let s = 0;
      for (let k = 0; k < 167; k++) for (let i = 0; i < a.length; i++) s += a[i]! ^ k;
      return s;
    };
    assert.throws(() => assertGrowsLinearly('mostly quadratic', numbers, (a) => pairs(a) + linearPart(a), 1000), /mostly quadratic: quadrupling the input/);
  });
});
