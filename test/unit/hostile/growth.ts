// Bounds on how cost grows with the input, as ratios measured in the same run (never absolute times): a stage
// that is linear doubles its time when its input doubles; a quadratic one quadruples it.
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each sample: a sample should pay for its own garbage, not for what earlier ones left.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * CPU time of the process, in ms: on a machine shared with other work, wall time measures the queue for the CPU;
 * CPU time measures the work.
 */
function timeOf(run: () => void, repeat: number): number {
  collect();
  const started = process.cpuUsage();
  for (let i = 0; i < repeat; i++) run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/**
 * Asserts that doubling the input multiplies the time by less than `bound` (linear: 2; n log n: a little more;
 * quadratic: 4). `make(n)` builds the input outside the timing. The small and the big input are timed in turns, in
 * CPU time, and the best of each is kept: on a shared machine the least disturbed runs are the ones that tell the
 * cost. A sample runs the small input twice as often as the big one: the same volume of input, so a linear stage
 * allocates alike in both and meets the same collections. Samples of one run each let the big one alone cross the
 * heap's collection threshold after the full collection both start with, a step of tens of milliseconds that a
 * linear stage showed as growth (3.07 against the bound of 3, in a CI run: a big explicit message).
 */
export function assertGrowsLinearly<T>(label: string, make: (n: number) => T, run: (input: T) => void, n: number, bound = 3): void {
  const small = make(n);
  const big = make(2 * n);
  run(small);
  run(big);
  let repeat = 1;
  while (timeOf(() => run(big), repeat) < 40 && repeat < 1024) repeat *= 2;
  // Up to three independent measurements: one disturbed by a collection or a neighbour's burst can exceed the bound,
  // a quadratic stage exceeds it every time.
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio >= bound; attempt++) {
    let bestSmall = Infinity;
    let bestBig = Infinity;
    for (let i = 0; i < 7; i++) {
      bestSmall = Math.min(bestSmall, timeOf(() => run(small), 2 * repeat));
      bestBig = Math.min(bestBig, timeOf(() => run(big), repeat));
    }
    // One big run against one small run.
    ratio = Math.min(ratio, (2 * bestBig) / bestSmall);
  }
  assert.ok(ratio < bound, `${label}: doubling the input (${n} → ${2 * n}) multiplied the time by ${ratio.toFixed(2)}; the bound is ${bound} (linear is 2, quadratic 4)`);
}
