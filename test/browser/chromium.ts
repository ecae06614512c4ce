import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import shared from '../support/chromium.json';

export const chromiumPath = process.env.CONVAPI_CHROMIUM ?? shared.executablePath;

/** Launches Chromium for one suite; call the returned `close` in `after`, so no browser outlives the run. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: install Debian's chromium or set CONVAPI_CHROMIUM`);
  return chromium.launch({ executablePath: chromiumPath, args: shared.args, timeout: 60_000 });
}
