import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testSupport';
import { serveFile, startHttpsTestServer } from '../../support/httpsTestServer';
import { createSelfSignedCertificate } from '../../support/selfSignedCertificate';
import { createPng } from '../../support/testImages';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * npm as a user runs it, without what `npm test` passes down: its npm_config_* variables (prefix, cache, scripts
 * settings…) would make the nested npm behave unlike a person's.
 */
function npm(command: 'npm' | 'npx', args: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))), ...extraEnv };
  return new Promise((done) => {
    execFile(command, args, { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const valid = { app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message: { text_message: { text: 'Hello from CI' } } };
const invalid = {
  app_id: '{{APP_ID}}',
  recipient: { contact_id: '{{CONTACT_ID}}' },
  message: { card_message: { title: 'T'.repeat(41), choices: [{ text_message: { text: 'ok' } }] } },
};

/**
 * The npm package on its own: `npm pack`, then `npm i <tarball>` into an empty folder with nothing from this
 * repository beside it, then `npx convapi-line check` there, as a CI pipeline would.
 */
describe('the npm package of the CLI', function () {
  this.timeout(180_000);
  const root = repoRoot();
  let work: string;
  let consumer: string;
  let tarball: string;
  let packed: { path: string; mode: number }[];

  before(async function () {
    assert.ok(existsSync(join(root, 'dist', 'cli.js')), 'dist/cli.js is missing: run node esbuild.mjs first');
    work = mkdtempSync(join(tmpdir(), 'convapi-npm-package-'));
    // The tarball holds the CLI the build step made; `npm pack` without --ignore-scripts builds it itself (prepack).
    const pack = await npm('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
    assert.equal(pack.code, 0, pack.stderr);
    const [report] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string; mode: number }[] }];
    tarball = join(work, report.filename);
    packed = report.files;
    consumer = join(work, 'consumer');
    mkdirSync(join(consumer, 'payloads'), { recursive: true });
    writeFileSync(join(consumer, 'payloads', 'welcome.line.json'), JSON.stringify(valid, null, 2));
    writeFileSync(join(consumer, 'payloads', 'sale.line.json'), JSON.stringify(invalid, null, 2));
    // --offline: the package has no dependency to fetch, so installing it must not need the registry at all.
    const install = await npm('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], consumer);
    assert.equal(install.code, 0, `npm install ${tarball} failed:\n${install.stderr}`);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds only the CLI, the schemas and the package documents', () => {
    const paths = packed.map((f) => f.path).sort();
    assert.deepEqual(paths, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli-commands.js',
      'dist/cli-main.cache',
      'dist/cli-main.js',
      'dist/cli.js',
      'dist/media.js',
      'dist/undici.js',
      'dist/validators/callback.js',
      'dist/validators/lineExplicit.js',
      'package.json',
      'problem-matcher.json',
      'schemas/callback.schema.json',
      'schemas/line-explicit-message.schema.json',
      'schemas/send-message.schema.json',
    ]);
    const cli = packed.find((f) => f.path === 'dist/cli.js')!;
    assert.ok(cli.mode & 0o111, `dist/cli.js is packed executable (mode ${cli.mode.toString(8)})`);
  });

  it('installs nothing but itself: the CLI requires Node built-ins and its own parts, nothing else', () => {
    assert.deepEqual(readdirSync(join(consumer, 'node_modules')).filter((n) => !n.startsWith('.')), ['convapi-line']);
    const installed = join(consumer, 'node_modules', 'convapi-line');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: object };
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), []);
    const bin = readFileSync(join(installed, 'dist', 'cli.js'), 'utf8');
    assert.ok(bin.startsWith('#!/usr/bin/env node\n'), 'the bin starts with a node shebang');
    const requiresOf = (text: string) => new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!));
    // The bin loads the bundle (dist/cli-main.js) by reading it, with its code cache: it requires only Node.
    assert.deepEqual([...requiresOf(bin)].filter((name) => !name.startsWith('node:')), []);
    const bundle = readFileSync(join(installed, 'dist', 'cli-main.js'), 'utf8');
    // The bin runs the bundle through vm.Script, which has no loader for import(): every part is require()d.
    assert.ok(!/\bimport\(/.test(bundle), 'dist/cli-main.js holds an import()');
    const required = requiresOf(bundle);
    assert.ok(required.size > 0);
    // The parts loaded on first use sit beside the bin, and need nothing but Node and each other either.
    const own = [...required].filter((name) => name.startsWith('./')).sort();
    assert.deepEqual(own, ['./cli-commands.js', './media.js', './validators/callback.js', './validators/lineExplicit.js']);
    assert.deepEqual([...required].filter((name) => !name.startsWith('node:') && !name.startsWith('./')), [], 'only node: built-ins besides its own parts');
    const parts = new Set(['./undici.js', ...own]);
    for (const part of parts) {
      const partCode = readFileSync(join(installed, 'dist', part), 'utf8');
      const needs = [...requiresOf(partCode)].filter((name) => !name.startsWith('node:'));
      assert.deepEqual(needs.filter((name) => !parts.has(name)), [], `${part} requires only node: built-ins and the parts beside it`);
    }
    assert.ok(statSync(join(installed, 'dist', 'cli.js')).mode & 0o100, 'the installed bin is executable');
  });

  it('loads its parts on first use from the installed package: LINE\'s validator, the other commands with the callbacks\' validator, media pre-flight and the HTTP client', async () => {
    const line = { messages: [{ type: 'text', text: 'Hi', emojis: 'not a list' }] };
    const explicit = { app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message: { explicit_channel_message: { LINE: JSON.stringify(line) } } };
    writeFileSync(join(consumer, 'explicit.line.json'), JSON.stringify(explicit, null, 2));
    const checked = await npm('npx', ['--no', '--', 'convapi-line', 'check', '--json', 'explicit.line.json'], consumer);
    assert.equal(checked.code, 1, checked.stderr);
    const codes = (JSON.parse(checked.stdout) as { files: { diagnostics: { code: string; innerPointer?: string }[] }[] }).files[0]!.diagnostics;
    assert.deepEqual(codes.map((d) => [d.code, d.innerPointer]), [['explicit.line.type', '/messages/0/emojis']]);

    // A callback file that is not one is refused before anything is sent (the address is never reached).
    writeFileSync(join(consumer, 'wrong.callback.json'), JSON.stringify({ app_id: 'A', message: { contact_message: 'not an object' } }));
    const simulated = await npm('npx', ['--no', '--', 'convapi-line', 'simulate', '--to', 'http://127.0.0.1:9/', '--file', 'wrong.callback.json'], consumer);
    assert.equal(simulated.code, 2, simulated.stderr);
    assert.match(simulated.stderr, /wrong\.callback\.json/);
    assert.match(simulated.stderr, /\/message\/contact_message/);

    // The HTTP client: a card image on an HTTPS server of this test, trusted through Node's NODE_EXTRA_CA_CERTS.
    const certificate = createSelfSignedCertificate();
    const caFile = join(work, 'ca.pem');
    writeFileSync(caFile, certificate.cert);
    const server = await startHttpsTestServer({ key: certificate.key, cert: certificate.cert });
    serveFile(server, '/wide.png', { body: createPng(1040, 1040), contentType: 'image/png' });
    try {
      const card = { title: 'Wide', description: 'd', media_message: { url: server.url('/wide.png') }, choices: [{ text_message: { text: 'ok' } }] };
      writeFileSync(join(consumer, 'media.line.json'), JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { card_message: card } }, null, 2));
      const fetched = await npm('npx', ['--no', '--', 'convapi-line', 'check', '--json', '--media', '--media-allow-private', 'media.line.json'], consumer, { NODE_EXTRA_CA_CERTS: caFile });
      assert.equal(fetched.code, 1, fetched.stderr);
      const diagnostics = (JSON.parse(fetched.stdout) as { files: { diagnostics: { code: string; pointer: string }[] }[] }).files[0]!.diagnostics;
      assert.deepEqual(diagnostics.map((d) => `${d.pointer} ${d.code}`), ['/message/card_message/media_message/url media.image-too-wide']);
    } finally {
      await server.close();
    }
  });

  it('the installed bin loads its bundle with the code cache the build made, on the Node that built it', () => {
    const bin = join(consumer, 'node_modules', 'convapi-line', 'dist', 'cli.js');
    const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(bin)}).loadCli().cacheRefused ?? null))`;
    assert.equal(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } }), 'null');
  });

  it('npx convapi-line check passes a valid payload with exit 0', async () => {
    const r = await npm('npx', ['--no', '--', 'convapi-line', 'check', 'payloads/welcome.line.json'], consumer);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^1 file checked: 0 errors, 0 warnings, 0 information\.$/m);
  });

  it('npx convapi-line check fails an invalid payload with exit 1 and a file:line:col severity code message line', async () => {
    const r = await npm('npx', ['--no', '--', 'convapi-line', 'check', 'payloads/'], consumer);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, 'payloads/sale.line.json:8:16 error card.title.too-long Card title is 41 characters; LINE allows at most 40.\n');
    assert.match(r.stderr, /^2 files checked: 1 error, 0 warnings, 0 information\.$/m);
    const json = await npm('npx', ['--no', '--', 'convapi-line', 'check', '--json', 'payloads/sale.line.json'], consumer);
    assert.equal(json.code, 1);
    assert.deepEqual(
      (JSON.parse(json.stdout) as { files: { diagnostics: { code: string }[] }[] }).files[0]!.diagnostics.map((d) => d.code),
      ['card.title.too-long'],
    );
  });

  it('ships a GitHub Actions problem matcher that reads check\'s output lines, the one the README shows', async () => {
    const file = join(consumer, 'node_modules', 'convapi-line', 'problem-matcher.json');
    const text = readFileSync(file, 'utf8');
    const [matcher] = (JSON.parse(text) as { problemMatcher: { owner: string; pattern: Record<string, string | number>[] }[] }).problemMatcher;
    assert.equal(matcher!.owner, 'convapi-line');
    const pattern = matcher!.pattern[0]!;
    const r = await npm('npx', ['--no', '--', 'convapi-line', 'check', 'payloads/'], consumer);
    const match = new RegExp(pattern.regexp as string).exec(r.stdout.trimEnd());
    assert.ok(match, r.stdout);
    const group = (name: string) => match[pattern[name] as number];
    assert.deepEqual(
      { file: group('file'), line: group('line'), column: group('column'), severity: group('severity'), code: group('code'), message: group('message') },
      { file: 'payloads/sale.line.json', line: '8', column: '16', severity: 'error', code: 'card.title.too-long', message: 'Card title is 41 characters; LINE allows at most 40.' },
    );
    // GitHub knows error and warning; information lines stay plain log lines.
    assert.equal(new RegExp(pattern.regexp as string).exec('a.line.json:1:1 information message.transcoded x'), null);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.ok(readme.includes(text.trim()), 'README.md shows problem-matcher.json as it is');
  });

  it('npx convapi-line reports usage errors with exit 2 and its version with exit 0', async () => {
    const usage = await npm('npx', ['--no', '--', 'convapi-line', 'check', '--nope', 'payloads/'], consumer);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /check has no option --nope/);
    const version = await npm('npx', ['--no', '--', 'convapi-line', '--version'], consumer);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
