// Bounds on how cost grows with the input, as ratios measured in the same run (never absolute times): a stage
// that is linear takes four times as long for four times the input; a quadratic one sixteen times.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each sample: a sample should pay for its own garbage, not for what earlier ones left.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * CPU time of this thread, in ms: on a machine shared with other work, wall time measures the queue for the CPU;
 * CPU time measures the work. This thread's, where Linux tells it: the process's would add what V8's helper threads
 * do meanwhile, mostly sweeping after the full collection that starts each sample, a cost that grows with the test
 * process's heap and not with the input (in a whole test run it made a quadratic stage look linear).
 */
const clock: { name: string; ms: () => number } = (() => {
  const schedstat = '/proc/thread-self/schedstat';
  const read = () => Number(readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6;
  try {
    const now = read();
    if (Number.isFinite(now) && now > 0) return { name: "this thread's CPU time", ms: read };
  } catch {
    // Not Linux, or no scheduler statistics: the process's CPU time, helper threads included.
  }
  return {
    name: "the process's CPU time",
    ms: () => {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1000;
    },
  };
})();

/**
 * The shortest sample: the kernel brings a thread's CPU time up to date at scheduler ticks (steps of 3 to 4 ms were
 * seen), so each end of a sample may be a tick off.
 */
const minSampleMs = 100;

function timeOf(run: () => void, repeat: number): number {
  collect();
  const started = clock.ms();
  for (let i = 0; i < repeat; i++) run();
  return clock.ms() - started;
}

/** The input grows fourfold between the two sizes measured: linear 4, n log n a little more, quadratic 16. */
const growth = 4;

/**
 * Asserts that quadrupling the input multiplies the time by less than `bound` (8 by default: the geometric middle
 * of linear and quadratic, so that noise of up to 2x either way cannot turn one into the other; with a doubling,
 * 2 against 4, a full test run's noise did: a linear stage measured 3.07 against a bound of 3 in CI, a quadratic one
 * 2.44). `make(n)` builds the input outside the timing. The two inputs are timed in turns, in CPU time, the best of
 * seven kept (on a shared machine the least disturbed runs are the ones that tell the cost). A sample runs the
 * small input four times as often as the big one: the same volume of input, so a linear stage allocates alike in
 * both and meets as many collections in each.
 */
export function assertGrowsLinearly<T>(label: string, make: (n: number) => T, run: (input: T) => void, n: number, bound = 8): void {
  const small = make(n);
  const big = make(growth * n);
  run(small);
  run(big);
  let repeat = 1;
  // Both samples long enough: for a quadratic stage the small one is a quarter of the big one's length.
  while (Math.min(timeOf(() => run(small), growth * repeat), timeOf(() => run(big), repeat)) < minSampleMs && repeat < 1024) repeat *= 2;
  // Up to three independent measurements: a linear stage disturbed in one may exceed the bound in it.
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio >= bound; attempt++) {
    let bestSmall = Infinity;
    let bestBig = Infinity;
    for (let i = 0; i < 7; i++) {
      bestSmall = Math.min(bestSmall, timeOf(() => run(small), growth * repeat));
      bestBig = Math.min(bestBig, timeOf(() => run(big), repeat));
    }
    // One big run against one small run.
    ratio = Math.min(ratio, (growth * bestBig) / bestSmall);
  }
  assert.ok(ratio < bound, `${label}: quadrupling the input (${n} → ${growth * n}) multiplied the time by ${ratio.toFixed(2)}; the bound is ${bound} (linear is 4, quadratic 16; ${clock.name})`);
}
