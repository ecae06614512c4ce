import { setFlagsFromString } from 'node:v8';

/**
 * V8 optimizes a function with TurboFan (on a background thread, whose CPU a run pays for) once the function has
 * used up an "interrupt budget" of executed bytecode. In a `check` run, the rules and the schema validator reach the
 * default budget within a few hundred files, long before the compiled code can earn back its compilation; many
 * functions are compiled that a run of a few thousand files never profits from. With a budget 16 times the default,
 * only what stays hot gets optimized. Measured in CPU time on Node 20 (2 cores): 1,000 carousel payload files 24%
 * less, 3,000 files 17% less, 10,000 files 7% less; a single 1 MB payload and 10,000 tiny files unchanged.
 *
 * Only for the V8 it was measured on: the flag's name and meaning belong to V8, and another V8 would print
 * "unrecognized flag" for a flag it does not have. Only the CLI's own process does this (main.ts): a caller that
 * runs the CLI in its own process, such as the test suite, keeps V8's defaults.
 */
export const checkRunInterruptBudget = 16 * 67_584;

/** The V8 versions (major.minor) whose `--interrupt-budget` default (67,584) and meaning it was measured on: Node 20's. */
const measuredV8Versions: ReadonlySet<string> = new Set(['11.3']);

export function applyShortRunTiering(v8Version = process.versions.v8): boolean {
  if (!measuredV8Versions.has(v8Version.split('.').slice(0, 2).join('.'))) return false;
  setFlagsFromString(`--interrupt-budget=${checkRunInterruptBudget}`);
  return true;
}
