#!/usr/bin/env node
// Runs the UI suite (test/ui, built to out/test/ui by `node esbuild.mjs --tests`) against the packaged extension:
// installs the VSIX into a fresh extensions dir, starts code-server (without the smoke-test driver, so the
// workbench behaves as for a person: toasts show) and a Chromium browser server, then runs mocha on the suite with
// their addresses in CONVAPI_UI_* variables. Everything is stopped and removed afterwards, whatever happens.
//
// Usage: node scripts/vscode-test/run-ui.mjs [--vsix convapi-line.vsix] [--tests-dir out/test/ui] [-- mocha args]
//   e.g. node scripts/vscode-test/run-ui.mjs -- --grep Problems
// Needs: `npm run package` (the VSIX) and `node esbuild.mjs --tests` first.
// Environment: CONVAPI_VSCODE_TEST_TIMEOUT_MS (hard limit for the whole run, default 15 minutes).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ensureInstalled, repoRoot } from './install.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { installExtension, makeScratch, startCodeServer } from './lib/codeServer.mjs';
import { isInterrupted, killProcessGroup, log, onCleanup, runMain, watchProcessGroup } from './lib/lifecycle.mjs';

const PREFIX = 'run-ui';
const timeoutMs = Number(process.env.CONVAPI_VSCODE_TEST_TIMEOUT_MS ?? 15 * 60_000);

function parseArgs(argv) {
  const separator = argv.indexOf('--');
  const own = separator === -1 ? argv : argv.slice(0, separator);
  const mochaArgs = separator === -1 ? [] : argv.slice(separator + 1);
  const option = (name, fallback) => {
    const index = own.indexOf(name);
    return index === -1 ? fallback : resolve(own[index + 1]);
  };
  return {
    vsix: option('--vsix', join(repoRoot, 'convapi-line.vsix')),
    testsDir: option('--tests-dir', join(repoRoot, 'out', 'test', 'ui')),
    workspace: option('--workspace', join(repoRoot, 'test', 'workspace')),
    mochaArgs,
  };
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => join(dir, name))
    .sort();
}

/** Runs mocha in a child process, echoing its output, and returns { code, summary } from its closing lines. */
function runMocha(files, env, mochaArgs) {
  const mochaBin = join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [
    mochaBin,
    // The repository's .mocharc.json lists the unit suites; this run names its files itself.
    '--no-config',
    '--no-package',
    '--enable-source-maps',
    '--reporter',
    'spec',
    '--timeout',
    '180000',
    '--slow',
    '30000',
    ...mochaArgs,
    ...files,
  ];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const stopWatchdog = watchProcessGroup(child.pid);
  onCleanup('stop mocha', async () => {
    stopWatchdog();
    await killProcessGroup(child.pid, 5000);
  });
  const counts = { passing: 0, failing: 0, pending: 0 };
  let pending = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const match = /^\s+(\d+) (passing|failing|pending)\b/.exec(line);
      if (match) counts[match[2]] = Number(match[1]);
    }
  });
  return new Promise((resolvePromise) => {
    child.on('exit', (code, signal) => resolvePromise({ code: code ?? (signal ? 1 : 0), counts }));
  });
}

async function main() {
  const started = Date.now();
  const { vsix, testsDir, workspace: fixtureWorkspace, mochaArgs } = parseArgs(process.argv.slice(2));
  if (!existsSync(vsix)) throw new Error(`${vsix} not found: run npm run package first (or pass --vsix)`);
  const files = findTests(testsDir);
  if (files.length === 0) throw new Error(`no *.test.js under ${testsDir}: run node esbuild.mjs --tests first`);

  const install = await ensureInstalled();
  const scratch = makeScratch('ui');
  onCleanup('remove temp folders', async () => scratch.remove());
  // The UI tests type into payload files: they get a copy, so the fixtures in git never change.
  const workspace = join(scratch.root, 'workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  const resultsDir = join(repoRoot, 'test-results', 'ui');
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });

  // Suites that show remote media serve it over HTTPS on 127.0.0.1 with this certificate, which the extension host
  // trusts through NODE_EXTRA_CA_CERTS, as a user trusts a corporate CA (never NODE_TLS_REJECT_UNAUTHORIZED), and
  // Chromium (where webviews load images) through the hash of its public key: this certificate and no other.
  const { createSelfSignedCertificate } = createRequire(import.meta.url)(join(repoRoot, 'out', 'test', 'support', 'selfSignedCertificate.js'));
  const certificate = createSelfSignedCertificate();
  const tls = { cert: join(scratch.root, 'test-ca.pem'), key: join(scratch.root, 'test-key.pem') };
  writeFileSync(tls.cert, certificate.cert);
  writeFileSync(tls.key, certificate.key);

  await installExtension(install, scratch, { vsix, userDataDir: scratch.userData, extensionsDir: scratch.extensions });
  const server = await startCodeServer(install, scratch, {
    userDataDir: scratch.userData,
    extensionsDir: scratch.extensions,
    env: { NODE_EXTRA_CA_CERTS: tls.cert },
    // The extension opens its walkthrough once on first activation, in every new test window (each has a browser
    // profile of its own): only the walkthrough suite wants that, and turns it on for itself.
    userSettings: { 'workbench.welcomePage.walkthroughs.openOnInstall': false },
  });
  onCleanup('stop code-server', server.stop);
  const spki = createHash('sha256').update(createPublicKey(certificate.cert).export({ type: 'spki', format: 'der' })).digest('base64');
  const { browser, wsEndpoint, close } = await launchBrowser(scratch, { extraArgs: [`--ignore-certificate-errors-spki-list=${spki}`] });
  onCleanup('close Chromium', close);
  // The suite connects on its own; this connection only proved that the browser server answers.
  await browser.close();

  log(PREFIX, `running ${files.length} UI test file(s) against ${server.url}`);
  const { code, counts } = await runMocha(
    files,
    {
      ...process.env,
      CONVAPI_UI_URL: server.url,
      CONVAPI_UI_WS_ENDPOINT: wsEndpoint,
      CONVAPI_UI_WORKSPACE: workspace,
      CONVAPI_UI_RESULTS: resultsDir,
      CONVAPI_UI_REPO_ROOT: repoRoot,
      CONVAPI_UI_TLS_CERT: tls.cert,
      CONVAPI_UI_TLS_KEY: tls.key,
      CONVAPI_UI_USER_DATA: scratch.userData,
    },
    mochaArgs,
  );
  if (isInterrupted()) return 1;
  if (!server.isRunning()) log(PREFIX, 'code-server exited during the run');
  // A plain closing line that CI tooling reads.
  console.log(`ui: ${counts.passing} passed, ${counts.failing} failed, ${counts.pending} skipped`);
  log(PREFIX, `finished with exit code ${code} after ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${resultsDir}`);
  if (code === 0 && counts.passing === 0) {
    log(PREFIX, 'no UI test passed');
    return 1;
  }
  return code;
}

await runMain(PREFIX, timeoutMs, main);
