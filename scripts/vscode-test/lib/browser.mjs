// Debian's Chromium, headless, driven by playwright-core (which cannot download a browser of its own here).
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { killProcessGroup, watchProcessGroup } from './lifecycle.mjs';

const shared = JSON.parse(readFileSync(new URL('../../../test/support/chromium.json', import.meta.url), 'utf8'));

export const CHROMIUM = process.env.CONVAPI_CHROMIUM ?? shared.executablePath;
export const CHROMIUM_ARGS = shared.args;

/**
 * Launches Chromium as a playwright browser server with a fresh temporary profile (playwright creates and removes
 * it) and XDG and temp folders inside `scratch`, and connects to it, with `extraArgs` after the shared arguments. The server's `wsEndpoint` lets another process (the UI
 * suite's mocha) drive the same browser. Our own signal handling does the cleanup, so playwright's is off.
 * Returns { browser, wsEndpoint, close }.
 */
export async function launchBrowser(scratch, { extraArgs = [] } = {}) {
  // playwright puts the temporary profile and its artifacts in os.tmpdir(), which reads TMPDIR on every call.
  process.env.TMPDIR = scratch.tmp;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CONVAPI_CHROMIUM)`);
  }
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: scratch.xdgConfig,
      XDG_DATA_HOME: scratch.xdgData,
      XDG_CACHE_HOME: scratch.xdgCache,
      TMPDIR: scratch.tmp,
    },
  });
  // playwright starts Chromium as a process-group leader, so its renderers and helpers go with it.
  const pid = server.process().pid;
  const stopWatchdog = watchProcessGroup(pid, [scratch.root]);
  const close = async () => {
    try {
      await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    } finally {
      stopWatchdog();
      await killProcessGroup(pid, 2000);
    }
  };
  try {
    const browser = await chromium.connect(server.wsEndpoint(), { timeout: 30_000 });
    return { browser, wsEndpoint: server.wsEndpoint(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
