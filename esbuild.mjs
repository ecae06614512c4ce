// One build script for every bundle: the extension host (Node, CommonJS, `vscode` external), the CLI, the
// webview script (browser IIFE) and, with --tests, the test suites (one bundle per test file, packages external).
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

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

/**
 * `convapi-line:validators/<name>`: one JSON Schema of schemas/ compiled by ajv into standalone code while bundling,
 * so that neither the CLI nor the extension compiles them at start-up (about a third of a cold `convapi-line check`).
 * The code is the same ajv would generate at run time with the same options, so it reports the same errors. Its
 * `require("ajv/dist/runtime/...")` helpers are bundled, or left to node_modules where packages are external.
 * Each schema is a module of its own, so that the extension can load the big ones when first used (lazyValidators).
 * Types: src/core/schema/validators.d.ts.
 */
const schemaFiles = {
  sendMessage: 'schemas/send-message.schema.json',
  lineExplicit: 'schemas/line-explicit-message.schema.json',
  callback: 'schemas/callback.schema.json',
};

const schemaValidators = {
  name: 'schema-validators',
  setup(build) {
    const namespace = 'schema-validators';
    // Plugins resolve before `packages: 'external'` applies: the test bundles get the generated code too, rather than
    // a require() of a module that does not exist.
    build.onResolve({ filter: /^convapi-line:validators\/\w+$/ }, ({ path }) => {
      const name = path.slice(path.indexOf('/') + 1);
      if (!(name in schemaFiles)) return { errors: [{ text: `${path}: no such schema (known: ${Object.keys(schemaFiles).join(', ')})` }] };
      return { path: name, namespace };
    });
    build.onLoad({ filter: /.*/, namespace }, ({ path: name }) => {
      const file = schemaFiles[name];
      const optionsFile = 'src/core/schema/ajvOptions.json';
      const watchFiles = [file, optionsFile].map((f) => resolve(f));
      const { default: Ajv } = require('ajv');
      const { default: standaloneCode } = require('ajv/dist/standalone');
      const { options, vocabulary } = JSON.parse(readFileSync(optionsFile, 'utf8'));
      const ajv = new Ajv({ ...options, logger: false, code: { source: true, esm: true } });
      ajv.addVocabulary(vocabulary);
      try {
        ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')), name).getSchema(name);
      } catch (error) {
        // Returned rather than thrown: one line naming the schema, and the files stay watched so --watch recovers.
        return { errors: [{ text: `${file}: ${error.message}` }], watchFiles };
      }
      // With allErrors, ajv's code gathers a referenced schema's errors with `vErrors.concat(…)`: a copy of every error
      // so far for each item (each card of a carousel), quadratic in a file with many faulty items. Appending in place
      // gives the same errors in the same order, in linear time.
      const code = standaloneCode(ajv, { validate: name }).replace(/vErrors\.concat\(([\w$.]+)\)/g, 'appendErrors(vErrors, $1)');
      const append = 'function appendErrors(all, more) { for (let i = 0; i < more.length; i++) all.push(more[i]); return all; }\n';
      return { contents: append + code, loader: 'js', resolveDir: process.cwd(), watchFiles };
    });
  },
};

/** The validators the extension loads on first use: LINE's own message objects, and callbacks. */
const lazyValidatorNames = ['lineExplicit', 'callback'];

/**
 * In the extension, `convapi-line:validators/lineExplicit` and `/callback` are stand-ins that load
 * dist/validators/<name>.js on the first validation: together they are most of the generated code, and only a payload
 * with `explicit_channel_message.LINE`, or a callback, needs them. A stand-in copies `errors` from the real
 * validator after each call, so callers see the same function.
 */
const lazyValidators = {
  name: 'lazy-validators',
  setup(build) {
    const namespace = 'lazy-validators';
    const filter = new RegExp(`^convapi-line:validators/(${lazyValidatorNames.join('|')})$`);
    build.onResolve({ filter }, ({ path, kind }) => (kind === 'entry-point' ? undefined : { path: path.slice(path.indexOf('/') + 1), namespace }));
    build.onLoad({ filter: /.*/, namespace }, ({ path: name }) => ({
      contents: [
        'let loaded;',
        `export function validate(data) {`,
        `  loaded ??= require(${JSON.stringify(`./validators/${name}.js`)}).validate;`,
        '  const valid = loaded(data);',
        '  validate.errors = loaded.errors;',
        '  return valid;',
        '}',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * `convapi-line:callback-samples`: every src/core/simulate/samples/<kind>.callback.json, read while bundling, so
 * adding a kind is adding a file and the CLI and the extension carry the samples without reading the disk.
 * Types: src/core/simulate/callbackSamples.d.ts.
 */
const callbackSamples = {
  name: 'callback-samples',
  setup(build) {
    const dir = 'src/core/simulate/samples';
    const namespace = 'callback-samples';
    build.onResolve({ filter: /^convapi-line:callback-samples$/ }, ({ path }) => ({ path, namespace }));
    build.onLoad({ filter: /.*/, namespace }, () => {
      const files = readdirSync(dir).filter((f) => f.endsWith('.callback.json'));
      const samples = files
        .map((file) => ({ kind: file.slice(0, -'.callback.json'.length), text: readFileSync(join(dir, file), 'utf8') }))
        .sort((a, b) => (a.kind < b.kind ? -1 : 1));
      return {
        contents: `export const samples = ${JSON.stringify(samples)};`,
        loader: 'js',
        watchFiles: files.map((f) => resolve(dir, f)),
        watchDirs: [resolve(dir)],
      };
    });
  },
};

/** The CLI is the package's `bin`: runnable as `./dist/cli.js` straight from a checkout, as after `npm i`. */
const executableOutput = {
  name: 'executable-output',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      for (const file of Object.keys(build.initialOptions.entryPoints)) chmodSync(join(build.initialOptions.outdir, `${file}.js`), 0o755);
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
  plugins: [schemaValidators, callbackSamples, problemMatcher],
};

/**
 * In the extension and the CLI, `undici` resolves to src/vscode/lazyUndici.cjs, which loads dist/undici.js on first use: the
 * extension starts without the HTTP client (about half its size), which only sending and media pre-flight need.
 */
const lazyUndici = {
  name: 'lazy-undici',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: resolve('src/vscode/lazyUndici.cjs') }));
  },
};

/**
 * In the CLI's bundle, the commands other than `check` (src/cli/commands.ts) and media pre-flight are bundles of their
 * own, required when first used: dist/cli-commands.js and dist/media.js (the extension's). A `check` process then
 * reads, compiles and caches only what checking needs (with the code cache, 5% less CPU for 1,000 files).
 */
const lazyCliParts = {
  name: 'lazy-cli-parts',
  setup(build) {
    const namespace = 'lazy-cli-parts';
    const parts = { './commands': './cli-commands.js', '../core/media': './media.js' };
    // A stand-in module that requires the part: an external import() would be left to Node's ESM loader, which the
    // bin's vm.Script (codeCache.ts) has no callback for; a require() inside the bundle's own import() is not.
    // Only the two imports meant: another module importing either keeps it in its bundle.
    const importers = { './commands': resolve('src/cli/main.ts'), '../core/media': resolve('src/cli/checkCommand.ts') };
    build.onResolve({ filter: /^(\.\/commands|\.\.\/core\/media)$/ }, ({ path, kind, importer }) =>
      kind === 'dynamic-import' && importer === importers[path] ? { path: parts[path], namespace } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace }, ({ path }) => ({ contents: `module.exports = require(${JSON.stringify(path)});`, loader: 'js' }));
  },
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
    // lazyValidators first: it must see its imports before schemaValidators resolves them.
    plugins: [lazyValidators, ...common.plugins, lazyUndici],
    entryPoints: { extension: 'src/vscode/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Loaded at run time from beside the bundle, on first use (src/vscode/lazyMedia.ts, lazyUndici.cjs, lazyValidators).
    external: ['vscode', './media.js', './undici.js', ...lazyValidatorNames.map((name) => `./validators/${name}.js`)],
  },
  {
    // The validators the extension loads on first use (lazyValidators).
    ...common,
    entryPoints: Object.fromEntries(lazyValidatorNames.map((name) => [name, `convapi-line:validators/${name}`])),
    outdir: 'dist/validators',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // Media pre-flight for the extension and `convapi-line check --media`: its checker, probe and image parsing, loaded
    // on the first media check.
    ...common,
    plugins: [...common.plugins, lazyUndici],
    entryPoints: { media: 'src/core/media/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['./undici.js'],
  },
  {
    // The HTTP client for the extension's lazily loaded parts (sending, media pre-flight).
    ...common,
    entryPoints: { undici: require.resolve('undici') },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    // The CLI proper, which the bin loads. It shares the extension's lazily loaded parts (dist/undici.js,
    // dist/validators/): `convapi-line check` of plain payloads starts without compiling the HTTP client or LINE's and
    // the callbacks' validators.
    entryPoints: { 'cli-main': 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [lazyValidators, lazyCliParts, ...common.plugins, lazyUndici],
    external: ['./undici.js', './cli-commands.js', './media.js', ...lazyValidatorNames.map((name) => `./validators/${name}.js`)],
    define: { 'process.env.CONVAPI_LINE_VERSION': JSON.stringify(version) },
  },
  {
    // The CLI's other commands (send, preview, webhooks, listen, simulate), loaded by dist/cli-main.js when one runs.
    ...common,
    entryPoints: { 'cli-commands': 'src/cli/commands.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [lazyValidators, ...common.plugins, lazyUndici],
    external: ['./undici.js', ...lazyValidatorNames.map((name) => `./validators/${name}.js`)],
    define: { 'process.env.CONVAPI_LINE_VERSION': JSON.stringify(version) },
  },
  {
    // The bin: loads dist/cli-main.js with the code cache made below (src/cli/launch.ts).
    ...common,
    entryPoints: { cli: 'src/cli/launch.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...common.plugins, executableOutput],
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
  if (!tests) makeCliCodeCache();
}

/**
 * dist/cli-main.cache: V8's bytecode of the CLI's functions that a check of the sample payloads compiles, made in a
 * process of its own as the bin runs: with no V8 flags (NODE_OPTIONS may hold some, such as --max-old-space-size,
 * which V8 counts in the flags a cache must match). A second process then loads the CLI as the bin does and must take
 * the cache: a build whose cache every run would refuse fails here, not silently. A rebuild in --watch mode leaves
 * the old cache, which the bin then refuses (it names another build) until the next full build.
 */
function makeCliCodeCache() {
  const inputs = ['test/fixtures/payloads/valid', 'test/fixtures/payloads/invalid'].filter((dir) => existsSync(dir));
  const bin = JSON.stringify(resolve('dist/cli.js'));
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const make = `require(${bin}).makeCodeCache(${JSON.stringify(inputs)}).catch((error) => { console.error(error); process.exit(1); })`;
  execFileSync(process.execPath, ['-e', make], { stdio: 'inherit', env });
  const refused = execFileSync(process.execPath, ['-e', `process.stdout.write(require(${bin}).loadCli().cacheRefused ?? '')`], { encoding: 'utf8', env });
  if (refused) throw new Error(`dist/cli-main.cache was made, but the CLI refuses it: ${refused}`);
}
