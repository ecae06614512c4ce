// Starts and stops code-server (VS Code's server build plus its web workbench) for one test run.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { killProcessGroup, log, watchProcessGroup } from './lifecycle.mjs';

const PREFIX = 'code-server';

/** A port that was free a moment ago; startCodeServer() retries on the rare race with another process. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Throw-away folders for one run. code-server and Chromium write into XDG_DATA_HOME / XDG_CONFIG_HOME and leave
 * sockets and profiles in TMPDIR, and the config file keeps code-server from reading or creating
 * ~/.config/code-server/config.yaml. Everything is under one root, so one `rm -rf` removes it.
 */
export function makeScratch(label) {
  const root = mkdtempSync(join(tmpdir(), `convapi-${label}-`));
  const dirs = {
    root,
    xdgData: join(root, 'xdg-data'),
    xdgConfig: join(root, 'xdg-config'),
    xdgCache: join(root, 'xdg-cache'),
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    config: join(root, 'config.yaml'),
    serverLog: join(root, 'code-server.log'),
  };
  for (const dir of [dirs.xdgData, dirs.xdgConfig, dirs.xdgCache, dirs.tmp, dirs.userData, dirs.extensions]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  return { ...dirs, remove: () => rmSync(root, { recursive: true, force: true }) };
}

// User settings for a quiet, deterministic test VS Code: no start page, no AI/chat features (they log sign-in
// look-ups every second), no update or recommendation checks.
const TEST_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  // Media pre-flight fetches the URLs in payloads: tests must never reach outside this machine. Suites that test
  // it serve their media on 127.0.0.1.
  'convapiLine.media.remoteChecks': false,
};

/** Writes the test user settings into a user-data dir that has none yet (a reused profile keeps its own). */
export function seedUserSettings(userDataDir, overrides = {}) {
  // User settings, and the remote ("Machine") settings where code-server's extension host reads machine-scoped ones.
  for (const file of [join(userDataDir, 'User', 'settings.json'), join(userDataDir, 'Machine', 'settings.json')]) {
    if (existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...TEST_USER_SETTINGS, ...overrides }, null, 2)}\n`);
  }
}

function serverEnv(install, scratch) {
  return {
    ...install.env,
    // An empty gallery: no marketplace look-ups (there is no network) and no extension recommendations.
    EXTENSIONS_GALLERY: '{}',
    XDG_DATA_HOME: scratch.xdgData,
    XDG_CONFIG_HOME: scratch.xdgConfig,
    XDG_CACHE_HOME: scratch.xdgCache,
    // VS Code leaves vscode-ipc-*.sock, vscode-git-*.sock and vscode-typescript* behind in the temp folder.
    TMPDIR: scratch.tmp,
    // code-server passes this env to the extension host; a developer's debugger settings must not leak in.
    NODE_OPTIONS: '',
    VSCODE_IPC_HOOK_CLI: '',
  };
}

function commonArgs(scratch, userDataDir, extensionsDir) {
  return ['--config', scratch.config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** `code-server --install-extension x.vsix`; the CLI exits when done, no server is started. */
export async function installExtension(install, scratch, { vsix, userDataDir, extensionsDir }) {
  const args = [...commonArgs(scratch, userDataDir, extensionsDir), '--install-extension', vsix, '--force'];
  log(PREFIX, `installing ${vsix}`);
  const child = spawn(install.codeServerBin, args, {
    env: serverEnv(install, scratch),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await Promise.race([
    new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1))),
    sleep(120_000).then(() => 'timeout'),
  ]);
  await killProcessGroup(child.pid, 1000);
  if (code !== 0) throw new Error(`installing ${vsix} failed (${code}):\n${output}`);
  log(PREFIX, output.trim().split('\n').pop());
}

/**
 * Starts code-server on a free 127.0.0.1 port in its own process group. Returns { url, port, authority, stop }.
 * stop() kills the whole group: killing only the main process would leave the extension host running.
 */
export async function startCodeServer(install, scratch, options) {
  // env: extra variables for code-server and so for the extension host (e.g. NODE_EXTRA_CA_CERTS).
  // userSettings: test user settings of this harness on top of TEST_USER_SETTINGS.
  const { userDataDir, extensionsDir, smokeTestDriver = false, extraArgs = [], attempts = 3, env = {}, userSettings = {} } = options;
  seedUserSettings(userDataDir, userSettings);
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await freePort();
    try {
      return await startOn(port, install, scratch, { userDataDir, extensionsDir, smokeTestDriver, extraArgs, env });
    } catch (error) {
      lastError = error;
      log(PREFIX, `start on port ${port} failed (attempt ${attempt}/${attempts}): ${error.message}`);
    }
  }
  throw lastError;
}

async function startOn(port, install, scratch, { userDataDir, extensionsDir, smokeTestDriver, extraArgs, env }) {
  const args = [
    ...commonArgs(scratch, userDataDir, extensionsDir),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--reconnection-grace-time',
    '10',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
  ];
  const logStream = createWriteStream(scratch.serverLog, { flags: 'a' });
  const child = spawn(install.codeServerBin, args, {
    env: { ...serverEnv(install, scratch), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group (as setsid), so the extension host and other children can be killed with it.
    detached: true,
  });
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  const stopWatchdog = watchProcessGroup(child.pid, [scratch.root]);
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = async () => {
    stopWatchdog();
    await killProcessGroup(child.pid);
    logStream.end();
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited during start-up:\n${tail(scratch.serverLog)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${tail(scratch.serverLog)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  log(PREFIX, `listening on ${url} (pid ${child.pid})`);
  return { url, port, authority: `127.0.0.1:${port}`, pid: child.pid, stop, isRunning: () => !exited };
}

/** The last lines of code-server's own log, for error messages. */
export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
