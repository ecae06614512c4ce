#!/usr/bin/env node
// Runs the integration suite: out/test/integration/runTest.js, which calls @vscode/test-electron's runTests()
// with code-launcher.mjs as the VS Code executable. Installs the test VS Code first (on first use) so that its
// progress shows before the run starts.
//
// Usage: node scripts/vscode-test/run-integration.mjs [--build]
//   --build  runs `node esbuild.mjs` (dist/extension.js) and `node esbuild.mjs --tests` (out/test/...) first.
// Environment: CONVAPI_TEST_GREP=<pattern> runs only matching tests; CONVAPI_VSCODE_TEST_TIMEOUT_MS and
// CONVAPI_VSCODE_TEST_VERBOSE are read by code-launcher.mjs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, repoRoot } from './install.mjs';
import { guardProcess, killProcessGroup, log, onCleanup, runCleanups } from './lib/lifecycle.mjs';

const PREFIX = 'run-integration';

/**
 * Runs `node args` in its own process group. On a signal, the cleanup sends SIGTERM to the whole group, so the
 * launcher below runTests() gets it too and stops code-server and Chromium (it needs a few seconds for that).
 */
function run(args) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', detached: true });
    const dropCleanup = onCleanup(`stop ${args[0]}`, () => killProcessGroup(child.pid, 30_000));
    child.on('exit', (code, signal) => {
      dropCleanup();
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  if (process.argv.includes('--build')) {
    for (const args of [['esbuild.mjs'], ['esbuild.mjs', '--tests']]) {
      const code = await run(args);
      if (code !== 0) return code;
    }
  }
  const entry = join(repoRoot, 'out', 'test', 'integration', 'runTest.js');
  if (!existsSync(entry)) {
    log(PREFIX, `${entry} is missing: run node esbuild.mjs --tests first (or pass --build)`);
    return 1;
  }
  await ensureInstalled();
  return run([entry]);
}

// Longer than the launcher's own 10-minute limit, so that one reports first; this one also covers the build.
const disarm = guardProcess(PREFIX, 20 * 60_000);
let code = 1;
try {
  code = await main();
} catch (error) {
  log(PREFIX, String(error?.stack ?? error));
} finally {
  disarm();
  await runCleanups();
}
process.exit(code);
