import * as assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { post, startServer } from '../../support/httpPost';
import { repoRoot, specExamples } from '../core/testSupport';

const cli = () => join(repoRoot(), 'dist', 'cli.js');

/** Spawns `convapi-line listen`, hands out its stdout lines one by one. */
function spawnListen(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli(), 'listen', ...args], { env: { ...process.env, ...env } }) as ChildProcessWithoutNullStreams;
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    stderr: () => stderr,
    line: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise<string>((resolve) => waiting.push(resolve))),
  };
}

describe('convapi-line listen', function () {
  this.timeout(30_000);

  it('prints JSON lines: listening, one callback per accepted post, rejected with status and reason; stops on SIGTERM', async () => {
    const secret = 'cli-secret';
    const p = spawnListen(['--port', '0', '--json', '--secret', secret]);
    try {
      const listening = JSON.parse(await p.line());
      assert.equal(listening.event, 'listening');
      assert.match(listening.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.deepEqual(Object.keys(listening), ['event', 'url']);
      const body = specExamples().find((e) => e.name.includes('inbound-text'))!.text;
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', secret).update(`${body}.n1.${ts}`).digest('base64');
      const headers = { 'x-sinch-webhook-signature': signature, 'x-sinch-webhook-signature-nonce': 'n1', 'x-sinch-webhook-signature-timestamp': ts, 'x-sinch-webhook-signature-algorithm': 'HmacSHA256' };
      assert.equal((await post(listening.url, body, headers)).status, 200);
      const callback = JSON.parse(await p.line());
      assert.equal(callback.event, 'callback');
      assert.equal(callback.trigger, 'MESSAGE_INBOUND');
      assert.equal(callback.summary, 'Inbound text from U4623…: "Text MO"');
      assert.equal(callback.signature, 'verified');
      assert.deepEqual(callback.body, JSON.parse(body));

      assert.equal((await post(listening.url, body, headers)).status, 401);
      assert.deepEqual(
        (({ event, status, reason }) => ({ event, status, reason }))(JSON.parse(await p.line())),
        { event: 'rejected', status: 401, reason: 'nonce used before' },
      );
      assert.equal((await post(listening.url, '{oops', {})).status, 401);
      assert.equal(JSON.parse(await p.line()).reason, 'no signature headers');
      p.child.kill('SIGTERM');
      assert.equal(await p.exited, 0);
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  it('prints readable lines, forwards to --forward-to with the handler’s status, and stops on SIGINT', async () => {
    const handler = await startServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(204);
        response.end();
      });
    });
    const p = spawnListen(['--port', '0', '--forward-to', `${handler.url}/hook`], { CONVAPI_LINE_WEBHOOK_SECRET: '' });
    try {
      const first = await p.line();
      const url = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(first)![1]!;
      assert.match(first, /no secret: signatures not checked/);
      const failed = specExamples().find((e) => e.name.includes('delivery-failed'))!.text;
      assert.equal((await post(url, failed)).status, 204);
      const line = await p.line();
      assert.match(line, /^\d\d:\d\d:\d\d {2}204 {2}MESSAGE_DELIVERY {2}Delivery FAILED: MEDIA_NOT_REACHABLE — The provided media \[https:\/\/www\.url\.com\/samples\/picture\.jpg\] could not be reached: \[Not Found\] {2}→ http:\/\/127\.0\.0\.1:\d+\/hook 204 in [\d.]+ ms$/);
      assert.equal((await post(url, '', {}, { method: 'PUT' })).status, 405);
      assert.match(await p.line(), / {2}405 {2}rejected: method PUT not allowed; Sinch callbacks are POST \(PUT \/\)$/);
      p.child.kill('SIGINT');
      assert.equal(await p.exited, 0);
      assert.match(p.stderr(), /Stopped: 1 callback accepted, 1 refused\./);
    } finally {
      p.child.kill('SIGKILL');
      await handler.close();
    }
  });

  it('names a busy port and the way out (exit 1); usage errors exit 2', async () => {
    const taken = await startServer(() => {});
    try {
      const p = spawnListen(['--port', String(taken.port)]);
      assert.equal(await p.exited, 1);
      assert.equal(p.stderr(), `convapi-line listen: port ${taken.port} on 127.0.0.1 is already in use (another listener, or another program). Stop the program that holds it, or choose another port with --port N (--port 0 picks a free one).\n`);
    } finally {
      await taken.close();
    }
    for (const [args, message] of [
      [['--port', '70000'], '--port takes a port number from 0 to 65535, not "70000".'],
      [['--forward-to', 'localhost:3000'], '--forward-to: "localhost:3000" is not an http or https URL.'],
      [['--nope'], 'listen has no option --nope'],
    ] as const) {
      const p = spawnListen([...args]);
      assert.equal(await p.exited, 2, args.join(' '));
      assert.ok(p.stderr().startsWith(`convapi-line listen: ${message}`), p.stderr());
    }
  });
});
