// A test of the repository itself: the unit, contract and browser suites must pass in a clone that has nothing
// beside it (no sibling folder of contracts or specs, no other checkout), with as many tests as in the working copy.
//
// Usage: node scripts/lone-clone.mjs <expected passing count>
// The clone holds exactly what a commit of the working copy would hold (tracked and untracked, not ignored, files),
// so uncommitted work is tested too; in CI that is the clean clone itself. node_modules is linked, not installed:
// the registry is not what is under test.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const expected = Number(process.argv[2]);
const git = (args, options = {}) => execFileSync('git', args, { cwd: root, encoding: 'utf8', ...options }).trim();

const lonely = mkdtempSync(join(tmpdir(), 'convapi-lone-'));
const clone = join(lonely, 'convapi-line');
const ref = `refs/convapi-lone-clone/${process.pid}`;
let code = 1;
try {
  // Snapshot the working copy into a commit without touching the index or HEAD: a private index file.
  const index = join(lonely, 'index');
  const env = { ...process.env, GIT_INDEX_FILE: index };
  git(['read-tree', 'HEAD'], { env });
  git(['add', '-A', '.'], { env });
  const tree = git(['write-tree'], { env });
  const commit = git(['commit-tree', tree, '-p', 'HEAD', '-m', 'lone clone snapshot'], { env });
  git(['update-ref', ref, commit]);
  execFileSync('git', ['clone', '--quiet', '--no-checkout', root, clone]);
  execFileSync('git', ['fetch', '--quiet', root, ref], { cwd: clone });
  execFileSync('git', ['checkout', '--quiet', 'FETCH_HEAD'], { cwd: clone });
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  console.log(`lone clone at ${clone} (nothing beside it in ${lonely})`);

  const output = await run(clone, 'sh', ['-c', 'node esbuild.mjs && node esbuild.mjs --tests && npx mocha --config .mocharc.json --reporter dot']);
  const passing = Number(/^\s*(\d+) passing/m.exec(output.text)?.[1] ?? 0);
  const failing = Number(/^\s*(\d+) failing/m.exec(output.text)?.[1] ?? 0);
  console.log(`lone clone: ${passing} passing, ${failing} failing; the working copy: ${expected} passing`);
  if (output.code !== 0 || failing > 0) console.log('lone clone: FAILED: a suite fails in a clone with nothing beside it');
  else if (Number.isFinite(expected) && passing !== expected) console.log(`lone clone: FAILED: ${expected - passing} tests of the working copy did not run in the clone`);
  else code = 0;
} finally {
  try {
    git(['update-ref', '-d', ref]);
  } catch {}
  rmSync(lonely, { recursive: true, force: true });
}
// The closing line the test runner counts: one test, passed or failed.
console.log(code === 0 ? '\n  1 passing' : '\n  0 passing\n  1 failing');
process.exitCode = code;

function run(cwd, cmd, args) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (c) => (text += c));
    child.stderr.on('data', (c) => (text += c));
    child.on('close', (c) => {
      // mocha's list of failures, whole (the dot reporter prints nothing else worth keeping), or the end of the
      // output when the build failed instead. Its "N failing" line is renamed: npm test adds up every such line,
      // and this step counts as one test (the closing lines below).
      const failures = /^\s*\d+ failing/m.exec(text);
      const report = failures ? text.slice(failures.index).replace(/^(\s*)(\d+) failing/, '$1in the lone clone: $2 failing') : text.slice(-4000);
      if (c !== 0) process.stdout.write(report);
      resolvePromise({ code: c ?? 1, text });
    });
  });
}
