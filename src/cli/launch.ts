import { join } from 'node:path';
import { type LoadedBundle, cachedDataOf, loadWithCodeCache, writeCodeCache } from './codeCache';
// Types only: the bin reads the bundle and hands it to V8 itself, it must not bundle main.ts a second time.
import type * as CliMain from './main';

/**
 * The `convapi-line` bin. It loads the CLI proper (dist/cli-main.js, from main.ts) with the V8 code cache the build
 * made for it by checking sample payloads (dist/cli-main.cache): a `check` in CI is a short process, and compiling
 * the functions it runs again each time cost about 8% of checking 1,000 files. The cache is only read, never written,
 * by a run: the installed package may be read-only, and a check should leave nothing behind.
 */
export const bundlePath = join(__dirname, 'cli-main.js');
export const cachePath = join(__dirname, 'cli-main.cache');

export function loadCli(useCache = true): LoadedBundle & { cli: typeof CliMain } {
  const loaded = loadWithCodeCache(bundlePath, useCache ? cachePath : undefined);
  return { ...loaded, cli: loaded.exports as unknown as typeof CliMain };
}

/**
 * Makes dist/cli-main.cache (the build runs this in a process of its own, with no V8 flags, as the bin runs): loads
 * the CLI without a cache, checks the payloads at `inputs` with its output discarded, and saves the bytecode V8 made.
 */
export async function makeCodeCache(inputs: readonly string[]): Promise<{ bytes: number }> {
  const loaded = loadCli(false);
  const quiet = { stdout: () => undefined, stderr: () => undefined };
  await loaded.cli.main(['check', '--json', '--allow-empty', ...inputs], quiet);
  await loaded.cli.main(['check', ...inputs], quiet);
  const data = cachedDataOf(loaded);
  writeCodeCache(cachePath, data);
  return { bytes: data.length };
}

if (require.main === module) loadCli().cli.runFromCommandLine();
