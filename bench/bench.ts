// Benchmarks, each a ratio against a baseline measured in the same run on the same machine, so the figures mean
// something on any machine. All figures are CPU time (the machine may be shared): in process, and for the CLI the
// child process's own user + system time; a figure and its baseline are measured in turns, the least disturbed
// measurement of each kept. Prints a table and writes bench/results.json, from which scripts/bench-readme.mjs
// regenerates the README's performance table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { checkText } from '../src/core/check';
import { benchListener } from './listener';
import { renderMessage } from '../src/core/render';
import { previewHtml } from '../src/vscode/preview/previewHtml';
import { launchChromium } from '../test/browser/chromium';
import { routeRequests } from '../test/browser/mediaRoutes';

const repo = resolve(__dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');

export interface BenchResult {
  /** What is measured, as the README table says it. */
  name: string;
  value: number;
  unit: 'µs' | 'ms' | 'KB' | 'req/s';
  baselineName?: string;
  baseline?: number;
  /** value / baseline (or, for `higherIsBetter`, baseline / value). */
  ratio?: number;
  goal?: string;
  met?: boolean;
  note?: string;
}

const results: BenchResult[] = [];

function record(r: BenchResult): void {
  results.push(r);
  const base = r.baseline === undefined ? '' : ` | ${r.baselineName}: ${format(r.baseline, r.unit)}`;
  const ratio = r.ratio === undefined ? '' : ` | ratio ${r.ratio.toFixed(2)}x`;
  const goal = r.goal === undefined ? '' : ` | goal ${r.goal}: ${r.met ? 'met' : 'NOT met'}`;
  console.log(`${r.name}: ${format(r.value, r.unit)}${base}${ratio}${goal}${r.note ? ` (${r.note})` : ''}`);
}

function format(value: number, unit: BenchResult['unit']): string {
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}

function carousel(cards: number): string {
  const card = (i: number) => ({
    title: `Card ${i} — 日本語のタイトル`,
    description: 'A description that stays under sixty characters 😀',
    media_message: { url: `https://cdn.example.com/images/card-${i}.jpg?v=3` },
    choices: [
      { text_message: { text: 'Buy now' }, postback_data: `action=buy&item=${i}` },
      { url_message: { title: 'Details', url: `https://example.com/items/${i}` } },
      { call_message: { title: 'Call', phone_number: '+15551231234' } },
    ],
  });
  return JSON.stringify(
    { app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message: { carousel_message: { cards: Array.from({ length: cards }, (_, i) => card(i + 1)) } } },
    null,
    2,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A preload that makes a child process report its own CPU time as it exits. */
const cpuProbe = join(mkdtempSync(join(tmpdir(), 'convapi-line-bench-probe-')), 'cpu.js');
writeFileSync(cpuProbe, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nCPU_MS ' + (u.userCPUTime + u.systemCPUTime) / 1000 + '\\n'); });");

/** CPU time (user + system) of a child Node process run with `args`, in ms: the machine may be shared, so not the wall clock. */
function processCpuMs(args: string[]): number {
  const r = spawnSync(process.execPath, ['--require', cpuProbe, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(/CPU_MS ([\d.]+)/.exec(r.stderr)?.[1]);
}

/**
 * Two commands run one after the other, `runs` times, and the round whose ratio is the median kept. The machine is shared:
 * besides short bursts, whole stretches of seconds run slower (a neighbour on the same core), and the fastest run of
 * each command may come from different stretches, which moved the ratio by a third between runs of the bench. The
 * two runs of a round share their stretch; which of them goes first alternates.
 */
function timeProcessPair(subject: string[], baseline: string[], runs: number): { subject: number; baseline: number } {
  const rounds: { subject: number; baseline: number }[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      const b = processCpuMs(baseline);
      rounds.push({ baseline: b, subject: processCpuMs(subject) });
    } else {
      const s = processCpuMs(subject);
      rounds.push({ subject: s, baseline: processCpuMs(baseline) });
    }
  }
  rounds.sort((a, b) => a.subject / a.baseline - b.subject / b.baseline);
  return rounds[Math.floor(rounds.length / 2)]!;
}

/** Median CPU time of a Node process run with `args`, over `runs` runs, in ms. */
function timeProcess(args: string[], runs: number): number {
  return median(Array.from({ length: runs }, () => processCpuMs(args)));
}

/** CPU time of the process in ms: on a shared machine wall time also counts the wait for a CPU. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU time of one call of `subject` and of `baseline`, in ms, measured in alternating rounds and the least
 * disturbed round of each kept: a neighbour's burst during one side's rounds would otherwise skew the ratio.
 */
function perOpPair(subject: () => void, baseline: () => void, minMs = 200, rounds = 7): { subject: number; baseline: number } {
  for (let i = 0; i < 200; i++) {
    subject();
    baseline();
  }
  let best = { subject: Infinity, baseline: Infinity };
  for (let r = 0; r < rounds; r++) best = { subject: Math.min(best.subject, perOpRound(subject, minMs)), baseline: Math.min(best.baseline, perOpRound(baseline, minMs)) };
  return best;
}

/** CPU time of one call, in ms, from calling `fn` for at least `minMs`. */
function perOpRound(fn: () => void, minMs: number): number {
  let n = 0;
  const started = cpuMs();
  while (cpuMs() - started < minMs) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
  }
  return (cpuMs() - started) / n;
}

/** Median CPU time of one call, in ms, over rounds of at least `minMs`. */
function perOp(fn: () => void, minMs = 300, rounds = 5): number {
  for (let i = 0; i < 200; i++) fn();
  return median(Array.from({ length: rounds }, () => perOpRound(fn, minMs)));
}

async function perOpAsync(fn: () => PromiseLike<unknown>, minMs = 300, rounds = 5): Promise<number> {
  for (let i = 0; i < 100; i++) await fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const started = cpuMs();
    while (cpuMs() - started < minMs) {
      await fn();
      n++;
    }
    samples.push((cpuMs() - started) / n);
  }
  return median(samples);
}

async function benchWarmCheck(): Promise<void> {
  const text = carousel(10);
  const withFinding = text.replace('"Card 1 — 日本語のタイトル"', JSON.stringify('C'.repeat(45)));
  if (checkText(text).diagnostics.length !== 0 || checkText(withFinding).diagnostics.length !== 1) throw new Error('the carousels are not what the bench expects');
  const { subject: check, baseline: parse } = perOpPair(() => checkText(text), () => JSON.parse(text));
  record({ name: 'warm check of a valid 10-card carousel (7.8 KB)', value: check * 1000, unit: 'µs', baselineName: 'JSON.parse of the same text', baseline: parse * 1000, ratio: check / parse, goal: '≤ 2x', met: check / parse <= 2 });

  const schema = JSON.parse(readFileSync(join(repo, 'schemas', 'send-message.schema.json'), 'utf8'));
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'https://convapi-line.dev/schemas/send-message.schema.json', fileMatch: ['*.line.json'], schema }] });
  const document = TextDocument.create('file:///bench/carousel.line.json', 'json', 1, text);
  const json = await perOpAsync(() => service.doValidation(document, service.parseJSONDocument(document)));
  record({ name: 'the same check in vscode-json-languageservice (parse + doValidation, same schema)', value: json * 1000, unit: 'µs', baselineName: 'our warm check', baseline: check * 1000, ratio: json / check, goal: '≥ 4x slower than ours', met: json / check >= 4 });

  const { subject: checkFinding, baseline: parseFinding } = perOpPair(() => checkText(withFinding), () => JSON.parse(withFinding));
  record({ name: 'warm check of the carousel with a finding (placed with line and column)', value: checkFinding * 1000, unit: 'µs', baselineName: 'JSON.parse of the same text', baseline: parseFinding * 1000, ratio: checkFinding / parseFinding, goal: '≤ 4x', met: checkFinding / parseFinding <= 4 });
}

function benchBigPayloads(): void {
  const longText = (chars: number) => JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'あいう😀 '.repeat(chars / 5) } } });
  const explicit = (messages: number) =>
    JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { explicit_channel_message: { LINE: JSON.stringify({ messages: Array.from({ length: messages }, (_, i) => ({ type: 'text', text: `message ${i} `.repeat(700) })) }) } } });
  for (const [label, make, n] of [['a long text', longText, 500_000], ['a big explicit_channel_message.LINE', explicit, 110]] as const) {
    const one = make(n);
    const two = make(2 * n);
    const t1 = perOp(() => checkText(one), 300, 3);
    const t2 = perOp(() => checkText(two), 300, 3);
    const p1 = perOp(() => JSON.parse(one), 300, 3);
    const kb = Buffer.byteLength(one) / 1024;
    record({ name: `check of a ${(kb / 1024).toFixed(1)} MB payload with ${label}`, value: t1, unit: 'ms', baselineName: 'JSON.parse of the same text', baseline: p1, ratio: t1 / p1 });
    record({ name: `the same payload at twice the size`, value: t2, unit: 'ms', baselineName: 'the payload at its size', baseline: t1, ratio: t2 / t1, goal: 'linear (≈ 2x)', met: t2 / t1 < 2.6 });
  }
}

function writePayloadFiles(dir: string, count: number, make: (i: number) => string): void {
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `payload-${i}.line.json`), make(i));
}

function benchCli(): void {
  const dir = mkdtempSync(join(tmpdir(), 'convapi-line-bench-'));
  try {
    writePayloadFiles(dir, 1000, (i) => (i % 10 === 0 ? carousel(11).replace('Card 1 ', 'C'.repeat(45)) : carousel((i % 10) + 1)));
    const baselineScript = `const fs=require('fs'),p=require('path');const d=${JSON.stringify(dir)};let n=0;for(const f of fs.readdirSync(d)){JSON.parse(fs.readFileSync(p.join(d,f),'utf8'));n++}process.stdout.write(JSON.stringify({n}))`;
    const { subject: check, baseline } = timeProcessPair([cli, 'check', '--json', dir], ['-e', baselineScript], 15);
    const out = spawnSync(process.execPath, [cli, 'check', '--json', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const files = JSON.parse(out.stdout).files as { diagnostics: unknown[] }[];
    if (files.length !== 1000 || files.filter((f) => f.diagnostics.length > 0).length !== 100) throw new Error('the CLI did not check what was expected');
    record({ name: 'CLI `check --json` of 1,000 payload files (100 with errors)', value: check, unit: 'ms', baselineName: 'node reading and JSON.parse-ing the same files', baseline, ratio: check / baseline, goal: '≤ 2x', met: check / baseline <= 2 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const small = JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'Hi' } } });
  const times: Record<number, number> = {};
  for (const count of [5000, 10_000]) {
    const many = mkdtempSync(join(tmpdir(), 'convapi-line-bench-many-'));
    try {
      writePayloadFiles(many, count, () => small);
      times[count] = timeProcess([cli, 'check', '--json', many], 3);
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  }
  record({ name: 'CLI `check --json` of 10,000 small files', value: times[10_000]!, unit: 'ms', baselineName: 'the same of 5,000 files', baseline: times[5000]!, ratio: times[10_000]! / times[5000]!, goal: 'linear (≤ 2x)', met: times[10_000]! / times[5000]! < 2.3 });

  const file = join(mkdtempSync(join(tmpdir(), 'convapi-line-bench-')), 'one.line.json');
  writeFileSync(file, carousel(10));
  const { subject: cold, baseline: coldBase } = timeProcessPair([cli, 'check', file], ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))`], 15);
  record({ name: 'CLI `check` of one file, cold process', value: cold, unit: 'ms', baselineName: 'node start-up and JSON.parse', baseline: coldBase, ratio: cold / coldBase });
  rmSync(join(file, '..'), { recursive: true, force: true });
}

function benchBundles(): void {
  const kb = (name: string) => statSync(join(repo, 'dist', name)).size / 1024;
  const extension = kb('extension.js');
  record({ name: 'dist/extension.js (minified), loaded at activation', value: extension, unit: 'KB', goal: '< 400 KB', met: extension < 400 });
  record({ name: 'dist/media.js + dist/undici.js, loaded on the first media check or send', value: kb('media.js') + kb('undici.js'), unit: 'KB' });
  record({ name: 'dist/validators/lineExplicit.js + callback.js, loaded on the first explicit LINE message or callback', value: kb('validators/lineExplicit.js') + kb('validators/callback.js'), unit: 'KB' });
  // Written by the integration suite's activation test (the extension's exports say how long activate() took).
  const activation = join(repo, 'test-results', 'activation.json');
  try {
    const measured = JSON.parse(readFileSync(activation, 'utf8')) as { activateMs: number; date: string; vscode: string };
    record({ name: 'activate() in the test VS Code', value: measured.activateMs, unit: 'ms', note: `VS Code ${measured.vscode}, measured by the integration suite on ${measured.date}` });
  } catch {
    console.log('activate(): not measured on this machine yet (run the integration suite: it writes the figure for the bench)');
  }
}

function benchPreview(): void {
  const text = carousel(10);
  const rerender = perOp(() => {
    const { document, diagnostics } = checkText(text);
    renderMessage({ payload: document.value, diagnostics }, { theme: 'light' });
  });
  const parse = perOp(() => JSON.parse(text));
  record({ name: 'preview re-render of a 10-card carousel in the host (check + renderMessage)', value: rerender * 1000, unit: 'µs', baselineName: 'JSON.parse of the same text', baseline: parse * 1000, ratio: rerender / parse, goal: '< 5 ms', met: rerender < 5 });
}

/**
 * The preview's update in the page: the webview bundle as shipped (dist/preview.js) in headless Chromium, under the
 * page the extension builds, receiving the update message the host posts for a 10-card carousel, until the page has
 * laid out again. Baseline in the same page: putting the very same HTML into the same element with innerHTML (the
 * least any redraw costs). Wall time inside the page (performance.now), median of several rounds.
 */
async function benchPreviewPage(): Promise<void> {
  const origin = 'https://webview.test';
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 520, height: 900 } });
    const html = previewHtml({
      cspSource: origin,
      scriptUri: `${origin}/dist/preview.js`,
      styleUri: `${origin}/media/preview/preview.css`,
      nonce: 'YmVuY2gtbm9uY2U=',
      remoteMedia: false,
      initial: { model: undefined, theme: 'light' },
    });
    await routeRequests(page, {
      [`${origin}/index.html`]: { body: html.replace('<body>', '<body class="vscode-light">'), contentType: 'text/html' },
      [`${origin}/dist/preview.js`]: { body: readFileSync(join(repo, 'dist', 'preview.js')), contentType: 'text/javascript' },
      [`${origin}/media/preview/preview.css`]: { body: readFileSync(join(repo, 'media', 'preview', 'preview.css')), contentType: 'text/css' },
    });
    await page.addInitScript(() => {
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({ postMessage: () => undefined, getState: () => undefined, setState: () => undefined });
    });
    await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
    const text = carousel(10);
    const original = checkText(text);
    const edited = checkText(text.replace('Card 1 ', 'Card 1 (edited) '));
    const models = [
      { uri: 'file:///bench/carousel.line.json', version: 0, payload: original.document.value, diagnostics: original.diagnostics },
      { uri: 'file:///bench/carousel.line.json', version: 0, payload: edited.document.value, diagnostics: edited.diagnostics },
    ];
    const { update, innerHtml, cards } = await page.evaluate((models) => {
      const root = document.getElementById('preview')!;
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      let version = 1;
      const post = () => {
        const model = { ...models[version % 2]!, version: version++ };
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'update', model } }));
        void document.body.offsetHeight;
      };
      const time = (run: () => void, n: number) => {
        const rounds: number[] = [];
        for (let r = 0; r < 7; r++) {
          const started = performance.now();
          for (let i = 0; i < n; i++) run();
          rounds.push((performance.now() - started) / n);
        }
        return median(rounds);
      };
      for (let i = 0; i < 50; i++) post();
      const update = time(post, 40);
      const drawn = root.innerHTML;
      const cards = root.querySelectorAll('[data-part="card"]').length;
      const innerHtml = time(() => {
        root.innerHTML = drawn;
        void document.body.offsetHeight;
      }, 40);
      return { update, innerHtml, cards };
    }, models);
    if (cards !== 10) throw new Error(`the preview drew ${cards} cards, not the carousel's 10`);
    record({ name: 'preview update in the page (10-card carousel: message → redrawn and laid out, Chromium)', value: update * 1000, unit: 'µs', baselineName: 'the same HTML set with innerHTML and laid out', baseline: innerHtml * 1000, ratio: update / innerHtml, note: 'wall time in the page' });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  // BENCH_ONLY=warm (or big, preview, bundles, cli) runs one part, for a quick look; results.json is written by full runs.
  const only = process.env.BENCH_ONLY;
  const part = (name: string) => only === undefined || only === name;
  // The shipped bundles: minified, the extension split into its lazily loaded parts.
  spawnSync(process.execPath, [join(repo, 'esbuild.mjs'), '--production'], { cwd: repo, stdio: 'inherit' });
  if (part('warm')) await benchWarmCheck();
  if (part('big')) benchBigPayloads();
  if (part('preview')) {
    benchPreview();
    await benchPreviewPage();
  }
  if (part('bundles')) benchBundles();
  if (part('cli')) benchCli();
  if (only !== undefined) return;
  // The listener's throughput and p99 latency against a bare node:http server, one load generator, same run.
  const { bare, listener, rpsRatio, p99Ratio } = await benchListener(join(repo, 'test', 'fixtures', 'spec'));
  record({ name: 'webhook listener (signature, parsing, recording), 50 connections: throughput', value: listener.requestsPerSecond, unit: 'req/s', baselineName: 'bare node:http answering 200', baseline: bare.requestsPerSecond, ratio: rpsRatio, goal: '>= 75% of the baseline', met: rpsRatio >= 0.75 });
  record({ name: 'webhook listener, 50 connections: p99 latency', value: listener.p99Ms, unit: 'ms', baselineName: 'bare node:http answering 200', baseline: bare.p99Ms, ratio: p99Ratio, goal: '<= 2x', met: p99Ratio <= 2 });
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
  writeFileSync(join(repo, 'bench', 'results.json'), JSON.stringify({ date: new Date().toISOString().slice(0, 10), machine, results }, null, 2) + '\n');
  console.log(`\nWrote bench/results.json (${machine}). README table: node scripts/bench-readme.mjs`);
}

void main();
