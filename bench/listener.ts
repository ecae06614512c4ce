// The webhook listener against a bare node:http server that only answers 200, driven by the same load generator
// (a worker thread: 50 keep-alive connections posting signed spec callbacks) in the same run.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CallbackStore } from '../src/core/webhook/callbackStore';
import { start } from '../src/core/webhook/listener';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  statuses: Record<string, number>;
}

const generator = `
const http = require('node:http');
const { createHmac, randomBytes } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, secret, connections, warmupMs, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
const statuses = {};
let errors = 0, done = 0, measuring = false, stop = false;
function once(i) {
  return new Promise((resolve) => {
    const body = bodies[i % bodies.length];
    const nonce = randomBytes(12).toString('hex');
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', secret).update(body).update('.' + nonce + '.' + ts).digest('base64');
    const started = process.hrtime.bigint();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
      'x-sinch-webhook-signature': signature, 'x-sinch-webhook-signature-nonce': nonce, 'x-sinch-webhook-signature-timestamp': ts, 'x-sinch-webhook-signature-algorithm': 'HmacSHA256' } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (measuring) { latencies.push(Number(process.hrtime.bigint() - started) / 1e6); done++; statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1; }
        resolve();
      });
    });
    req.on('error', () => { if (measuring) errors++; resolve(); });
    req.end(body);
  });
}
(async () => {
  let i = 0;
  const loops = Array.from({ length: connections }, async () => { while (!stop) await once(i++); });
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true;
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, durationMs));
  measuring = false;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stop = true;
  await Promise.all(loops);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({ requestsPerSecond: done / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? NaN, errors, statuses });
})();
`;

function drive(url: string, bodies: string[], secret: string, durationMs: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(generator, { eval: true, workerData: { url, bodies, secret, connections: 50, warmupMs: 700, durationMs } });
    worker.once('message', (m: LoadResult) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Rounds alternate between the two servers so drift of the machine's load hits both alike. */
export async function benchListener(specDir: string, rounds = 5, durationMs = 2000): Promise<{ bare: LoadResult; listener: LoadResult; rpsRatio: number; p99Ratio: number; recorded: number }> {
  const bodies = readdirSync(specDir).filter((f) => f.includes('callback')).sort().map((f) => readFileSync(join(specDir, f), 'utf8'));
  const secret = 'bench-secret';
  const bare: LoadResult[] = [];
  const listened: LoadResult[] = [];
  let recorded = 0;
  for (let round = 0; round < rounds; round++) {
    const b = await bareServer();
    bare.push(await drive(b.url, bodies, secret, durationMs));
    await b.close();
    const store = new CallbackStore(1000);
    const l = await start({ port: 0, secret, onRecord: (r) => (store.add(r), recorded++) });
    listened.push(await drive(l.url, bodies, secret, durationMs));
    await l.close();
  }
  const pick = (results: LoadResult[]): LoadResult => {
    const rps = median(results.map((r) => r.requestsPerSecond));
    return { ...results.find((r) => r.requestsPerSecond === rps)!, p99Ms: median(results.map((r) => r.p99Ms)) };
  };
  const b = pick(bare);
  const l = pick(listened);
  for (const r of listened) if (Object.keys(r.statuses).some((s) => s !== '200') || r.errors > 0) throw new Error(`the listener refused or dropped requests: ${JSON.stringify(r)}`);
  return { bare: b, listener: l, rpsRatio: l.requestsPerSecond / b.requestsPerSecond, p99Ratio: l.p99Ms / b.p99Ms, recorded };
}
