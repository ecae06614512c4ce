// `npm test`: every suite, in the order a failure is cheapest to find. Runs them all even when one fails, then
// prints one closing line "tests: N passed, M failed" that CI reads, and exits non-zero on any failure. It counts
// tests, not suites: a suite that aborts before its tests ran is named in the closing line with how many of its
// tests did not run, and each of those counts as failed.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const mochaSpecs = JSON.parse(readFileSync('.mocharc.json', 'utf8')).spec;

const steps = [
  { name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'build', cmd: 'node', args: ['esbuild.mjs'] },
  { name: 'build tests', cmd: 'node', args: ['esbuild.mjs', '--tests'] },
  { name: 'unit, contract and browser tests', cmd: 'npx', args: ['mocha', '--config', '.mocharc.json'], counts: true, expected: countMochaTests },
  { name: 'the same suites in a lone clone', cmd: 'node', args: () => ['scripts/lone-clone.mjs', String(mochaPassed)], counts: true },
  { name: 'package the VSIX', cmd: 'npm', args: ['run', '--silent', 'package'] },
  { name: 'prepare the test VS Code', cmd: 'node', args: ['scripts/vscode-test/install.mjs'] },
  { name: 'VS Code integration tests', cmd: 'node', args: ['out/test/integration/runTest.js'], counts: true },
  { name: 'VS Code UI tests', cmd: 'node', args: ['scripts/vscode-test/run-ui.mjs'], counts: true },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let mochaPassed = 0;
const failedSteps = [];
const aborted = [];
const failureReports = [];

for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  const args = typeof step.args === 'function' ? step.args() : step.args;
  console.log(`\n=== ${step.name}: ${[step.cmd, ...args].join(' ')}`);
  const started = Date.now();
  const { code, output } = await run(step.cmd, args);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.counts) {
    // mocha's reporters end with "N passing" and, when any failed, "N failing".
    const passing = [...output.matchAll(/^\s*(\d+) passing/gm)].reduce((n, m) => n + Number(m[1]), 0);
    const failing = [...output.matchAll(/^\s*(\d+) failing/gm)].reduce((n, m) => n + Number(m[1]), 0);
    if (step.expected === countMochaTests) mochaPassed = passing;
    passed += passing;
    failed += failing;
    if (code !== 0 && failing === 0) {
      // Nothing failed by name, yet the suite failed: it aborted (a file that throws on load, a crashed host).
      const expected = step.expected ? await step.expected() : undefined;
      const notRun = expected ? Math.max(1, expected.tests - passing) : 1;
      failed += notRun;
      const why = expected?.unloadable.length ? `; ${expected.unloadable.join(', ')} failed to load` : '';
      aborted.push(`${step.name} aborted, ${expected ? `${notRun} of its tests did not run` : 'its tests did not run'}${why}`);
    } else if (code === 0 && passing === 0) {
      failed++;
      aborted.push(`${step.name} ran no test`);
    }
  }
  if (code !== 0) {
    failedSteps.push(step.name);
    failureReports.push({ name: step.name, report: failureReport(output) });
  }
  console.log(`=== ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s`);
  if (code !== 0 && (step.name.startsWith('build') || step.name === 'typecheck' || step.name.startsWith('prepare'))) break;
}

// CI shows the end of the output: the failures are repeated there, next to the count, so a failure in an early step
// is not lost above thousands of lines of later suites.
for (const { name, report } of failureReports) console.log(`\n=== what failed in ${name}:\n${report}`);
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${aborted.length ? ` (${aborted.join('; ')})` : ''}`);
process.exitCode = failedSteps.length || failed ? 1 : 0;

/**
 * After an abort: how many tests the mocha suites hold, counted file by file with --dry-run (a file that cannot load
 * is named, its tests uncountable).
 */
async function countMochaTests() {
  const files = mochaSpecs.flatMap(specFiles).sort();
  let tests = 0;
  const unloadable = [];
  for (const file of files) {
    const { code, output } = await run('npx', ['mocha', '--no-config', '--dry-run', '--reporter', 'json', file], { quiet: true });
    const report = code === 0 ? /\{[\s\S]*\}\s*$/.exec(output) : null;
    if (!report) {
      unloadable.push(file);
      continue;
    }
    try {
      tests += JSON.parse(report[0]).stats.tests;
    } catch {
      unloadable.push(file);
    }
  }
  return { tests, unloadable };
}

/** mocha's list of failures (from its first "N failing" to the end), or the end of the output when there is none. */
function failureReport(output, max = 6000) {
  const start = /^\s*(?:in the lone clone: )?\d+ failing/m.exec(output)?.index ?? Math.max(0, output.length - 1500);
  const text = output.slice(start).trimEnd();
  return text.length > max ? `${text.slice(0, max)}\n[… cut here: ${text.length - max} more characters in the step's output above]` : text;
}

// The files of a spec pattern of the form dir/**/*.test.js (the only form .mocharc.json uses).
function specFiles(pattern) {
  const [dir, suffix] = pattern.split('/**/*');
  try {
    return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function run(cmd, args, { quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        if (!quiet) target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
