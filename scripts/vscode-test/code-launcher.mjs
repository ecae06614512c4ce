#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns (`vscodeExecutablePath`).
// Desktop VS Code cannot be downloaded on these machines, so this takes the same Electron-style arguments, starts
// code-server (VS Code's server build) and opens its workbench in headless Chromium with the smoke-test `payload`
// that makes the workbench load the extension under development and run its tests in the Node extension host.
// It exits with the tests' exit code, and always stops code-server and Chromium and removes its temp folders.
//
// Understood arguments: --extensionDevelopmentPath=P (repeatable), --extensionTestsPath=P, --user-data-dir=P,
// --extensions-dir=P, a folder path. Others (--no-sandbox, --disable-extensions, ...) are accepted and ignored:
// a fresh extensions dir already means no other extensions are installed.
//
// Environment: CONVAPI_VSCODE_TEST_TIMEOUT_MS (hard limit for the whole run, default 10 minutes),
// CONVAPI_VSCODE_TEST_VERBOSE=1 (also print the workbench's own log lines and page errors),
// CONVAPI_VSCODE_TEST_RESULTS (where VS Code's logs of the run are saved, default <repo>/test-results/integration).
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { format } from 'node:util';
import { ensureInstalled, repoRoot } from './install.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { makeScratch, startCodeServer, tail } from './lib/codeServer.mjs';
import { log, onCleanup, runMain } from './lib/lifecycle.mjs';

const PREFIX = 'code-launcher';
const timeoutMs = Number(process.env.CONVAPI_VSCODE_TEST_TIMEOUT_MS ?? 10 * 60_000);
const verbose = process.env.CONVAPI_VSCODE_TEST_VERBOSE === '1';
const resultsDir = process.env.CONVAPI_VSCODE_TEST_RESULTS ?? join(repoRoot, 'test-results', 'integration');

function parseArgs(argv) {
  const parsed = { extensionDevelopmentPaths: [], extensionTestsPath: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inlineValue] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inlineValue ?? argv[++i];
    switch (name) {
      case '--extensionDevelopmentPath':
        parsed.extensionDevelopmentPaths.push(resolve(value()));
        break;
      case '--extensionTestsPath':
        parsed.extensionTestsPath = resolve(value());
        break;
      case '--user-data-dir':
        parsed.userDataDir = resolve(value());
        break;
      case '--extensions-dir':
        parsed.extensionsDir = resolve(value());
        break;
      default:
        if (!arg.startsWith('-') && parsed.folder === undefined) parsed.folder = resolve(arg);
        else parsed.ignored.push(arg);
    }
  }
  return parsed;
}

/** The workbench URL whose `payload` makes the workbench run the extension tests (smoke-test driver only). */
function workbenchUrl(server, { folder, extensionDevelopmentPaths, extensionTestsPath }) {
  // vscode-remote:// URIs put the extension and its tests in the server's Node extension host, as on the desktop.
  const remote = (path) => `vscode-remote://${server.authority}${encodeURI(path)}`;
  const payload = [
    ...extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ...(extensionTestsPath ? [['extensionTestsPath', remote(extensionTestsPath)]] : []),
  ];
  const query = new URLSearchParams();
  if (folder) query.set('folder', folder);
  else query.set('ew', 'true');
  query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query}`;
}

// The extension host's console (mocha's reporter) and the workbench's own log arrive through the same
// codeAutomationLog call with nothing to tell them apart, so the workbench's routine start-up lines are left out
// of the output (all lines are still saved to automation.log; CONVAPI_VSCODE_TEST_VERBOSE=1 prints them too).
const WORKBENCH_ROUTINE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^\[reconnection-grace-time\]/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost(:remote)?\]/,
  /^\[AccountPolicyGate\]/,
  /^\[ChatModelSelection\]/,
];
const automationLog = [];

function printAutomationLog(type, args) {
  const line = Array.isArray(args) ? format(...args) : String(args);
  automationLog.push(`${type}: ${line}`);
  if (!verbose && WORKBENCH_ROUTINE.some((pattern) => pattern.test(line))) return;
  if (type === 'error') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

function saveLogs(logs, scratch, finished) {
  if (!finished) {
    // A hung or interrupted run: the last workbench lines (also the filtered ones) usually say where it stuck.
    log(PREFIX, `the tests did not finish; last workbench log lines:\n${automationLog.slice(-30).join('\n')}`);
  }
  try {
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
    for (const { relativePath, contents } of Array.isArray(logs) ? logs : []) {
      const target = join(resultsDir, 'workbench', relativePath);
      if (!target.startsWith(resultsDir)) continue;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
    }
    writeFileSync(join(resultsDir, 'automation.log'), `${automationLog.join('\n')}\n`);
    cpSync(scratch.serverLog, join(resultsDir, 'code-server.log'));
    cpSync(join(scratch.userDataDirUsed, 'logs'), join(resultsDir, 'server-logs'), { recursive: true });
    log(PREFIX, `VS Code's logs of this run: ${resultsDir}`);
  } catch (error) {
    log(PREFIX, `could not save VS Code's logs to ${resultsDir}: ${error.message}`);
  }
}

async function main() {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  if (args.extensionDevelopmentPaths.length === 0) throw new Error('--extensionDevelopmentPath= is required');
  for (const p of [...args.extensionDevelopmentPaths, args.extensionTestsPath, args.folder]) {
    if (p && !isAbsolute(p)) throw new Error(`not an absolute path: ${p}`);
  }

  const install = await ensureInstalled();
  const scratch = makeScratch('launcher');
  onCleanup('remove temp folders', async () => scratch.remove());
  scratch.userDataDirUsed = args.userDataDir ?? scratch.userData;

  const server = await startCodeServer(install, scratch, {
    userDataDir: scratch.userDataDirUsed,
    extensionsDir: args.extensionsDir ?? scratch.extensions,
    smokeTestDriver: true,
  });
  onCleanup('stop code-server', server.stop);
  let automationLogs;
  let finished = false;
  // A cleanup step, so that the logs are saved after a timeout or a signal too, before code-server stops.
  onCleanup('save logs', async () => saveLogs(automationLogs, scratch, finished));

  const { browser, close } = await launchBrowser(scratch);
  onCleanup('close Chromium', close);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

  let finish;
  const exitCode = new Promise((resolvePromise) => (finish = resolvePromise));
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    // Mocha's reporter goes through console.log in the extension host and arrives as type 'info' or 'log'.
    printAutomationLog(type, logArgs);
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    automationLogs = logs;
    finished = true;
    finish(typeof code === 'number' ? code : 1);
  });
  page.on('crash', () => {
    log(PREFIX, 'the workbench page crashed');
    finish(1);
  });
  if (verbose) {
    page.on('pageerror', (error) => log(PREFIX, `page error: ${error.message}`));
    page.on('console', (message) => log(PREFIX, `console.${message.type()}: ${message.text()}`));
  }
  const serverWatch = setInterval(() => {
    if (!server.isRunning()) {
      log(PREFIX, `code-server exited during the run:\n${tail(scratch.serverLog)}`);
      finish(1);
    }
  }, 1000);
  onCleanup('stop watching code-server', async () => clearInterval(serverWatch));

  const url = workbenchUrl(server, args);
  log(PREFIX, `opening the workbench (${args.folder ?? 'no folder'})`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  const code = await exitCode;
  log(PREFIX, `tests finished with exit code ${code} after ${Math.round((Date.now() - started) / 1000)} s`);
  return code;
}

await runMain(PREFIX, timeoutMs, main);
