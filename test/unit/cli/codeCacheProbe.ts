// Run in a child process by codeCache.test.ts (a code cache is taken only by a process other than the one that made
// it, since V8 keeps compiled scripts in memory): `make <bundle> <cache>` runs the bundle and saves its cache,
// `load <bundle> <cache>` runs it with the cache; each prints what the bundle's `run()` returned and why a cache was
// not used. `raw <bundle> <cache>` hands V8 the cache's data without its header check, to show what V8 alone does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { cachedDataOf, loadWithCodeCache, writeCodeCache } from '../../../src/cli/codeCache';

const [mode, bundle, cache] = process.argv.slice(2) as [string, string, string];
if (mode === 'raw') {
  const data = readFileSync(cache).subarray(readFileSync(cache).indexOf(10) + 1);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${readFileSync(bundle, 'utf8')}\n})`, { filename: bundle, lineOffset: -1, cachedData: data });
  const module = { exports: {} as { run(): unknown } };
  (script.runInThisContext() as (e: object, r: NodeJS.Require, m: object) => void)(module.exports, createRequire(bundle), module);
  process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected, result: module.exports.run() }));
} else {
  const loaded = loadWithCodeCache(bundle, mode === 'make' ? undefined : cache);
  const result = (loaded.exports as { run(): unknown }).run();
  if (mode === 'make') writeCodeCache(cache, cachedDataOf(loaded));
  process.stdout.write(JSON.stringify({ refused: loaded.cacheRefused ?? null, result }));
}
