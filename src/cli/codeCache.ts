import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loading a CommonJS bundle with a V8 code cache: the bytecode of the functions a run compiled, saved when the bundle
 * was built, so that a short run (a `check` in CI) does not compile them again. V8 checks that the cache was made by
 * the same V8 with the same flags, and rejects it otherwise (the bundle is then compiled as usual). It does not check
 * the source itself, only its length: a cache of another build of the same length would run that build's bytecode.
 * So the cache file starts with the SHA-256 of the source it was made from, and is used only for that source.
 */

const magic = 'convapi-line code cache 1 ';
/** magic, 64 hex digits of SHA-256, a newline; then V8's data. */
const headerLength = magic.length + 64 + 1;

// The wrapper Node itself puts around a CommonJS module, on a line of its own (lineOffset -1): a minified bundle is
// a few long lines, and a wrapper in front of its first would shift every column in a stack trace.
const wrapperStart = '(function (exports, require, module, __filename, __dirname) {\n';
const wrapperEnd = '\n})';

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Why no cache was used, or undefined when V8 took it. */
  cacheRefused: string | undefined;
  /** The compiled bundle: `cachedDataOf(loaded)` saves what it has compiled so far. */
  script: Script;
  sourceHash: string;
}

/**
 * Runs the bundle at `bundlePath` as a CommonJS module (its own `require`, `module`, `__filename`), with the code
 * cache at `cachePath` when there is one made from this very source. A missing, stale or damaged cache only costs
 * the compilation it would have saved.
 */
export function loadWithCodeCache(bundlePath: string, cachePath: string | undefined): LoadedBundle {
  const bytes = readFileSync(bundlePath);
  const sourceHash = createHash('sha256').update(bytes).digest('hex');
  const cache = cachePath === undefined ? { refused: 'no cache asked for' } : readCache(cachePath, sourceHash);
  const script = new Script(wrapperStart + bytes.toString('utf8') + wrapperEnd, {
    filename: bundlePath,
    lineOffset: -1,
    cachedData: cache.data,
  });
  const refused = cache.data === undefined ? cache.refused : script.cachedDataRejected ? 'V8 rejected it (another V8 version or other V8 flags)' : undefined;
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { exports: module.exports, cacheRefused: refused, script, sourceHash };
}

function readCache(cachePath: string, sourceHash: string): { data?: Buffer; refused?: string } {
  let file: Buffer;
  try {
    file = readFileSync(cachePath);
  } catch (error) {
    return { refused: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  const header = file.subarray(0, headerLength).toString('latin1');
  if (header !== `${magic}${sourceHash}\n`) return { refused: 'its header does not name this build of the bundle' };
  return { data: file.subarray(headerLength) };
}

/** The cache file's content for a loaded bundle: its header and V8's data of every function compiled so far. */
export function cachedDataOf(loaded: LoadedBundle): Buffer {
  return Buffer.concat([Buffer.from(`${magic}${loaded.sourceHash}\n`, 'latin1'), loaded.script.createCachedData()]);
}

/** Writes the cache whole or not at all, so that a run beside a build never reads half of one. */
export function writeCodeCache(cachePath: string, data: Buffer): void {
  const partial = `${cachePath}.${process.pid}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, cachePath);
}
