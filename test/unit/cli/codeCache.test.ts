import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadWithCodeCache } from '../../../src/cli/codeCache';

const repo = resolve(__dirname, '..', '..', '..', '..');
const probe = join(__dirname, 'codeCacheProbe.js');

/** Runs the probe in a process of its own, with no V8 flags (the flags are part of what a cache must match). */
function probeRun(mode: 'make' | 'load' | 'raw', bundle: string, cache: string): { refused?: string | null; rejected?: boolean; result: unknown } {
  return JSON.parse(execFileSync(process.execPath, [probe, mode, bundle, cache], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })) as never;
}

describe('the code cache the CLI is loaded with (src/cli/codeCache.ts)', function () {
  this.timeout(60_000);
  let dir: string;
  let bundle: string;
  let cache: string;
  // A bundle with work in functions compiled on first call, the part a cache made after a run holds.
  const source = (word: string) =>
    [`const part = require('./part.js');`, `function shout(s) { return s.toUpperCase() + part.mark; }`, `exports.run = () => shout(${JSON.stringify(word)});`, ''].join('\n');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convapi-code-cache-'));
    bundle = join(dir, 'bundle.js');
    cache = join(dir, 'bundle.cache');
    writeFileSync(join(dir, 'part.js'), "exports.mark = '!';\n");
    writeFileSync(bundle, source('first'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as a CommonJS module: its own require, __filename, __dirname, and stack traces at its own lines', () => {
    writeFileSync(bundle, ['exports.part = require("./part.js").mark;', 'exports.file = __filename;', 'exports.dir = __dirname;', 'exports.where = () => new Error("here").stack;', ''].join('\n'));
    const loaded = loadWithCodeCache(bundle, undefined);
    const exports = loaded.exports as { part: string; file: string; dir: string; where(): string };
    assert.equal(exports.part, '!');
    assert.equal(exports.file, bundle);
    assert.equal(exports.dir, dir);
    // Line 4, column 23: the wrapper Node-style code around the bundle moves neither.
    assert.match(exports.where(), new RegExp(`${bundle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:23`));
    assert.equal(loaded.cacheRefused, 'no cache asked for');
  });

  it('a cache made by one run is taken by the next process, which gives the same answers', () => {
    assert.deepEqual(probeRun('make', bundle, cache), { refused: 'no cache asked for', result: 'FIRST!' });
    assert.ok(readFileSync(cache).length > 100);
    assert.deepEqual(probeRun('load', bundle, cache), { refused: null, result: 'FIRST!' });
  });

  it('never uses the cache of another build, even one of the same length, which V8 alone would run', () => {
    probeRun('make', bundle, cache);
    writeFileSync(bundle, source('other'));
    assert.equal(readFileSync(bundle, 'utf8').length, source('first').length);
    // What the header check is for: V8 checks a source's length, not its text, and runs the old build's code.
    assert.deepEqual(probeRun('raw', bundle, cache), { rejected: false, result: 'FIRST!' });
    assert.deepEqual(probeRun('load', bundle, cache), { refused: 'it was made from another build of the bundle', result: 'OTHER!' });
  });

  it('a damaged or missing cache costs only the compilation: the bundle runs as without one', () => {
    probeRun('make', bundle, cache);
    const whole = readFileSync(cache);
    const header = whole.subarray(0, whole.indexOf(10) + 1);
    writeFileSync(cache, Buffer.concat([header, Buffer.from('not what V8 wrote'.repeat(20))]));
    assert.deepEqual(probeRun('load', bundle, cache), { refused: 'V8 rejected it (other V8 flags, or damaged)', result: 'FIRST!' });
    writeFileSync(cache, whole.subarray(0, 20));
    assert.deepEqual(probeRun('load', bundle, cache), { refused: 'it is not a code cache of this kind', result: 'FIRST!' });
    rmSync(cache);
    assert.deepEqual(probeRun('load', bundle, cache), { refused: 'cannot read it: ENOENT', result: 'FIRST!' });
  });

  it('never uses a cache made by another Node, even one whose V8 says it is the same (nodejs/node#62781: a crash)', () => {
    probeRun('make', bundle, cache);
    const whole = readFileSync(cache);
    const end = whole.indexOf(10);
    // The header: the kind (several words), the Node that made it, the code's hash.
    const words = whole.subarray(0, end).toString('latin1').split(' ');
    const hash = words.pop()!;
    const node = words.pop()!;
    const magic = words.join(' ');
    assert.match(node, new RegExp(`^${process.version}/v8-${process.versions.v8.replace(/\./g, '\\.')}/${process.platform}-${process.arch}/\\d+$`));
    // The same V8 data under a header of another patch release of Node: V8 would take it (the issue above).
    const other = node.replace(process.version, 'v20.20.0');
    writeFileSync(cache, Buffer.concat([Buffer.from(`${magic} ${other} ${hash}\n`, 'latin1'), whole.subarray(end + 1)]));
    assert.deepEqual(probeRun('load', bundle, cache), { refused: `it was made by another Node (${other}), not this one (${node})`, result: 'FIRST!' });
    // V8 alone takes that data: the header is what keeps it out.
    assert.deepEqual(probeRun('raw', bundle, cache), { rejected: false, result: 'FIRST!' });
  });

  it('a cache made with other V8 flags is refused by V8 and the bundle still runs', () => {
    probeRun('make', bundle, cache);
    const out = execFileSync(process.execPath, ['--max-lazy', probe, 'load', bundle, cache], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.deepEqual(JSON.parse(out), { refused: 'V8 rejected it (other V8 flags, or damaged)', result: 'FIRST!' });
  });

  it('the built bin takes the cache its build made (dist/cli-main.cache), and checks as the CLI does', () => {
    const cli = join(repo, 'dist', 'cli.js');
    const script = `const l = require(${JSON.stringify(cli)}).loadCli(); process.stdout.write(JSON.stringify(l.cacheRefused ?? null))`;
    assert.equal(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } }), 'null');
    // It holds what the build's checks compiled, not only what loading the bundle does: that is what it saves.
    const justLoaded = `process.stdout.write(String(require(${JSON.stringify(cli)}).loadCli(false).script.createCachedData().length))`;
    const loadedOnly = Number(execFileSync(process.execPath, ['-e', justLoaded], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } }));
    const built = readFileSync(join(repo, 'dist', 'cli-main.cache')).length;
    assert.ok(built > 1.5 * loadedOnly, `the build's cache is ${built} bytes, a cache of the bundle just loaded ${loadedOnly}`);
    mkdirSync(join(dir, 'payloads'));
    writeFileSync(join(dir, 'payloads', 'a.line.json'), readFileSync(join(repo, 'test', 'fixtures', 'payloads', 'invalid', 'card-title-too-long.line.json')));
    const run = (() => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [cli, 'check', '--json', join(dir, 'payloads')], { encoding: 'utf8' }) };
      } catch (error) {
        return { code: (error as { status: number }).status, out: (error as { stdout: string }).stdout };
      }
    })();
    assert.equal(run.code, 1);
    const codes = (JSON.parse(run.out) as { files: { diagnostics: { code: string }[] }[] }).files[0]!.diagnostics.map((d) => d.code);
    assert.deepEqual(codes, ['card.title.too-long']);
  });
});
