// `npm test`: every suite, in the order a failure is cheapest to find. Runs them all even when one fails, then
// prints one closing line "tests: N passed, M failed" that CI reads, and exits non-zero on any failure.
import { spawn } from 'node:child_process';

const steps = [
  { name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'build', cmd: 'node', args: ['esbuild.mjs'] },
  { name: 'build tests', cmd: 'node', args: ['esbuild.mjs', '--tests'] },
  { name: 'unit, contract and browser tests', cmd: 'npx', args: ['mocha', '--config', '.mocharc.json'], counts: true },
  { name: 'package the VSIX', cmd: 'npm', args: ['run', '--silent', 'package'] },
  { name: 'prepare the test VS Code', cmd: 'node', args: ['scripts/vscode-test/install.mjs'] },
  { name: 'VS Code integration tests', cmd: 'node', args: ['out/test/integration/runTest.js'], counts: true },
  { name: 'VS Code UI tests', cmd: 'node', args: ['scripts/vscode-test/run-ui.mjs'], counts: true },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failedSteps = [];

for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  console.log(`\n=== ${step.name}: ${[step.cmd, ...step.args].join(' ')}`);
  const started = Date.now();
  const { code, output } = await run(step.cmd, step.args);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.counts) {
    // mocha's spec reporter ends with "N passing" and, when any failed, "N failing".
    const passing = [...output.matchAll(/^\s*(\d+) passing/gm)].reduce((n, m) => n + Number(m[1]), 0);
    const failing = [...output.matchAll(/^\s*(\d+) failing/gm)].reduce((n, m) => n + Number(m[1]), 0);
    passed += passing;
    failed += failing;
    if (code !== 0 && failing === 0) failed++;
    if (code === 0 && passing === 0) {
      failed++;
      console.log(`=== ${step.name}: ran no test`);
    }
  }
  if (code !== 0) failedSteps.push(step.name);
  console.log(`=== ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s`);
  if (code !== 0 && (step.name.startsWith('build') || step.name === 'typecheck' || step.name.startsWith('prepare'))) break;
}

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exitCode = failedSteps.length || failed ? 1 : 0;

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (stream, target) => stream.on('data', (chunk) => {
      output += chunk;
      target.write(chunk);
    });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
