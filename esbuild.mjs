// One build script for every bundle: the extension host (Node, CommonJS, `vscode` external), the CLI, the
// webview script (browser IIFE) and, with --tests, the test suites (one bundle per test file, packages external).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Reports errors the way VS Code's esbuild problem matcher reads them. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // jsonc-parser's UMD entry requires its modules dynamically, which a bundle cannot follow; its ESM build can.
  mainFields: ['module', 'main'],
  plugins: [problemMatcher],
};

function walk(dir, accept) {
  let found = [];
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found = found.concat(walk(full, accept));
    else if (accept(full)) found.push(full);
  }
  return found;
}

const productBuilds = [
  {
    ...common,
    entryPoints: { extension: 'src/vscode/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { 'process.env.CONVAPI_LINE_VERSION': JSON.stringify(version) },
  },
  {
    ...common,
    entryPoints: { preview: 'media/preview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

const testBuilds = [
  {
    ...common,
    minify: false,
    sourcemap: true,
    entryPoints: walk('test', (f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).concat(
      walk('bench', (f) => f.endsWith('.ts')),
    ),
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    external: ['vscode'],
  },
];

const builds = tests ? testBuilds : productBuilds;
if (tests) rmSync('out', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
