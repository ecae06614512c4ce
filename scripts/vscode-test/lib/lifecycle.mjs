// Cleanup that runs however a run ends: normal return, thrown error, hard timeout, SIGINT/SIGTERM/SIGHUP.
// A run that is SIGKILLed cannot clean up itself; watchProcessGroup() covers that case from outside.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const cleanups = [];
let cleaning;
let interrupted = false;

/** True once a signal or the hard timeout has started ending the run. */
export function isInterrupted() {
  return interrupted;
}

export function log(prefix, message) {
  process.stderr.write(`[${prefix}] ${message}\n`);
}

/** Registers a cleanup step; steps run in reverse order of registration. Returns a function that drops it. */
export function onCleanup(label, fn) {
  const entry = { label, fn };
  cleanups.push(entry);
  return () => {
    const index = cleanups.indexOf(entry);
    if (index !== -1) cleanups.splice(index, 1);
  };
}

/** Runs every registered cleanup once, each bounded so that one stuck step cannot keep the others from running. */
export function runCleanups() {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const { label, fn } = cleanups.pop();
      try {
        await Promise.race([
          fn(),
          sleep(20_000).then(() => {
            throw new Error('timed out after 20 s');
          }),
        ]);
      } catch (error) {
        log('cleanup', `${label}: ${error?.message ?? error}`);
      }
    }
  })();
  return cleaning;
}

/**
 * Ends the process through the cleanups on a signal or when `timeoutMs` has passed. Returns a function that
 * disarms the timer. Exit codes: 124 for the timeout (as timeout(1)), 128+n for a signal.
 */
export function guardProcess(prefix, timeoutMs) {
  const exitAfterCleanup = (code) => {
    interrupted = true;
    // A second signal while cleaning up must not leave things half-killed, so cleanups keep running.
    void runCleanups().finally(() => process.exit(code));
  };
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(signals)) {
    process.on(signal, () => {
      log(prefix, `${signal} received, cleaning up`);
      exitAfterCleanup(code);
    });
  }
  const timer = setTimeout(() => {
    log(prefix, `hard timeout: the run took longer than ${Math.round(timeoutMs / 1000)} s, cleaning up`);
    exitAfterCleanup(124);
  }, timeoutMs);
  timer.unref();
  return () => clearTimeout(timer);
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** SIGTERM to the whole process group, then SIGKILL to whatever is left after `graceMs`. */
export async function killProcessGroup(pgid, graceMs = 5000) {
  if (!pgid || !groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return;
    await sleep(100);
  }
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
}

/**
 * Starts a detached shell that kills process group `pgid` once this Node process is gone, then removes
 * `removeAfter` folders. It covers the case where this process is SIGKILLed (for example by a CI timeout) and its
 * own cleanup never runs. Returns a function that stops the watchdog, for the normal path.
 */
export function watchProcessGroup(pgid, removeAfter = []) {
  const script = [
    'parent=$1; group=$2; shift 2',
    'while kill -0 "$parent" 2>/dev/null; do sleep 1; done',
    'kill -TERM -- "-$group" 2>/dev/null; sleep 3; kill -KILL -- "-$group" 2>/dev/null',
    'for dir in "$@"; do rm -rf -- "$dir"; done',
  ].join('\n');
  const watchdog = spawn('sh', ['-c', script, 'watchdog', String(process.pid), String(pgid), ...removeAfter], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return () => {
    try {
      // The whole group, so that its `sleep` goes too.
      if (watchdog.exitCode === null) process.kill(-watchdog.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
}

/**
 * Runs a runner's `main()` under guardProcess, always through the cleanups, and exits with its code (1 when it
 * threw). The one way the launcher and the UI runner end, so neither can leave code-server or Chromium behind.
 */
export async function runMain(prefix, timeoutMs, main) {
  const disarm = guardProcess(prefix, timeoutMs);
  let code = 1;
  try {
    code = await main();
  } catch (error) {
    log(prefix, String(error?.stack ?? error));
    code = 1;
  } finally {
    disarm();
    await runCleanups();
  }
  process.exit(code);
}
