import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loading a CommonJS bundle with a V8 code cache: the bytecode of the functions a run compiled, saved when the bundle
 * was built, so that a short run (a `check` in CI) does not compile them again. V8 checks its own version tag and
 * flags, and the source's length only. That is not enough:
 * - a cache of another build of the same length would run that build's bytecode;
 * - Node releases share a V8 version tag across V8 patches (every Node 20 from 20.3 says 11.3.244.8), and a cache made
 *   by one was taken by another and crashed it (nodejs/node#62781).
 * So the cache file starts with a header naming the Node that made it (its version, V8's, the platform and the size of
 * its executable, which tells apart builds of one version from different sources) and the SHA-256 of the code it was
 * compiled from, and is handed to V8 only when both are this process's and this bundle's.
 */

const magic = 'convapi-line code cache 2';
/** The header is one line; a longer first line is not one. */
const maxHeaderLength = 400;

// The wrapper Node itself puts around a CommonJS module, on a line of its own (lineOffset -1): a minified bundle is
// a few long lines, and a wrapper in front of its first would shift every column in a stack trace.
const wrapperStart = '(function (exports, require, module, __filename, __dirname) {\n';
const wrapperEnd = '\n})';

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Why no cache was used, or undefined when V8 took it. */
  cacheRefused: string | undefined;
  /** The compiled bundle: `cachedDataOf(loaded)` gives the cache of what it has compiled so far. */
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
  // The wrapper is part of what V8 compiles: a cache is for the bundle inside this wrapper.
  const sourceHash = createHash('sha256').update(wrapperStart).update(bytes).update(wrapperEnd).digest('hex');
  const cache = cachePath === undefined ? { refused: 'no cache asked for' } : readCache(cachePath, sourceHash);
  const script = new Script(wrapperStart + bytes.toString('utf8') + wrapperEnd, {
    filename: bundlePath,
    lineOffset: -1,
    cachedData: cache.data,
  });
  const refused = cache.data === undefined ? cache.refused : script.cachedDataRejected ? 'V8 rejected it (other V8 flags, or damaged)' : undefined;
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { exports: module.exports, cacheRefused: refused, script, sourceHash };
}

/** The header line of a cache made here for the code with this hash. */
function headerFor(sourceHash: string): string {
  return `${magic} ${thisNode()} ${sourceHash}\n`;
}

/** This Node, in one word: version, V8 version, platform and architecture, size of the executable. */
function thisNode(): string {
  let size = 0;
  try {
    size = statSync(process.execPath).size;
  } catch {
    // An executable that cannot be looked at is size 0 here: a cache made by one is taken only by one alike.
  }
  return `${process.version}/v8-${process.versions.v8}/${process.platform}-${process.arch}/${size}`;
}

function readCache(cachePath: string, sourceHash: string): { data?: Buffer; refused?: string } {
  let file: Buffer;
  try {
    file = readFileSync(cachePath);
  } catch (error) {
    return { refused: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  const end = file.subarray(0, maxHeaderLength).indexOf(10);
  const line = end < 0 ? '' : file.subarray(0, end).toString('latin1');
  if (!line.startsWith(`${magic} `)) return { refused: 'it is not a code cache of this kind' };
  const [node, hash] = line.slice(magic.length + 1).split(' ');
  const here = thisNode();
  if (node !== here) return { refused: `it was made by another Node (${node}), not this one (${here})` };
  if (hash !== sourceHash) return { refused: 'it was made from another build of the bundle' };
  return { data: file.subarray(end + 1) };
}

/** The cache file's content for a loaded bundle: its header and V8's data of every function compiled so far. */
export function cachedDataOf(loaded: LoadedBundle): Buffer {
  return Buffer.concat([Buffer.from(headerFor(loaded.sourceHash), 'latin1'), loaded.script.createCachedData()]);
}

/** Writes the cache whole or not at all, so that a run beside a build never reads half of one. */
export function writeCodeCache(cachePath: string, data: Buffer): void {
  const partial = `${cachePath}.${process.pid}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, cachePath);
}
