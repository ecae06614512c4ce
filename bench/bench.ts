// Benchmarks, each reported as a ratio against a baseline measured in the same run on the same machine, so the
// figures mean something on any machine: the CLI against plain Node reading and JSON-parsing the same files,
// a warm check against JSON.parse of the same payload.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkText } from '../src/core/check';
import { benchListener } from './listener';

const repo = resolve(__dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');

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

function timeProcess(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - started);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

function perOp(fn: () => void, minMs = 500): number {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return (performance.now() - started) / n;
}

function benchCli(): void {
  const dir = mkdtempSync(join(tmpdir(), 'convapi-line-bench-'));
  try {
    for (let i = 0; i < 1000; i++) {
      const text = i % 10 === 0 ? carousel(11).replace('Card 1 ', 'C'.repeat(45)) : carousel((i % 10) + 1);
      writeFileSync(join(dir, `payload-${i}.line.json`), text);
    }
    const baselineScript = `const fs=require('fs'),p=require('path');const d=${JSON.stringify(dir)};let n=0;for(const f of fs.readdirSync(d)){JSON.parse(fs.readFileSync(p.join(d,f),'utf8'));n++}process.stdout.write(JSON.stringify({n}))`;
    const baseline = timeProcess(['-e', baselineScript], 5);
    const check = timeProcess([cli, 'check', '--json', dir], 5);
    const out = spawnSync(process.execPath, [cli, 'check', '--json', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const files = JSON.parse(out.stdout).files as { diagnostics: unknown[] }[];
    if (files.length !== 1000 || files.filter((f) => f.diagnostics.length > 0).length !== 100) throw new Error('the CLI did not check what was expected');
    console.log(`CLI check of 1,000 payload files: ${check.toFixed(0)} ms (median of 5); baseline (node reading + JSON.parse of the same files): ${baseline.toFixed(0)} ms; ratio ${(check / baseline).toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchWarmCheck(): void {
  const text = carousel(10);
  checkText(text);
  const parse = perOp(() => JSON.parse(text));
  const check = perOp(() => checkText(text));
  console.log(`Warm check of a 10-card carousel: ${(check * 1000).toFixed(1)} µs per check; baseline JSON.parse of the same text: ${(parse * 1000).toFixed(1)} µs; ratio ${(check / parse).toFixed(1)}x`);
}

function benchColdStart(): void {
  const file = join(mkdtempSync(join(tmpdir(), 'convapi-line-bench-')), 'one.line.json');
  writeFileSync(file, carousel(10));
  const baseline = timeProcess(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))`], 7);
  const check = timeProcess([cli, 'check', file], 7);
  console.log(`CLI check of one file (cold process): ${check.toFixed(0)} ms; baseline node start + parse: ${baseline.toFixed(0)} ms; ratio ${(check / baseline).toFixed(2)}x`);
  rmSync(join(file, '..'), { recursive: true, force: true });
}

if (!readdirSync(join(repo, 'dist')).includes('cli.js')) throw new Error('run "node esbuild.mjs" first');
benchWarmCheck();
benchColdStart();
benchCli();
void benchListener(join(repo, 'test', 'fixtures', 'spec')).then(({ bare, listener, rpsRatio, p99Ratio }) => {
  console.log(`Webhook listener (signature, parsing, recording), 50 connections: ${listener.requestsPerSecond.toFixed(0)} req/s, p99 ${listener.p99Ms.toFixed(1)} ms; baseline bare node:http answering 200: ${bare.requestsPerSecond.toFixed(0)} req/s, p99 ${bare.p99Ms.toFixed(1)} ms; throughput ${(rpsRatio * 100).toFixed(0)}% (goal >= 75%), p99 ratio ${p99Ratio.toFixed(2)}x (goal <= 2x)`);
});
