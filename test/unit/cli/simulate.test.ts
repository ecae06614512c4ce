// Runs the built CLI (dist/cli.js, as `npx convapi-line` would) against handlers on 127.0.0.1 that behave well or
// badly, and checks that each is reported as it is, with the right exit code.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callbackSamples, sampleByKind } from '../../../src/core/simulate/samples';
import { triggerOf } from '../../../src/core/webhook/triggers';
import { type Behaviour, type RunningHandler, signatureMatches, startHandler, verifyingHandler } from '../../support/webhookHandlers';
import { repoRoot } from '../core/testSupport';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function simulate(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  const cli = join(repoRoot(), 'dist', 'cli.js');
  assert.ok(existsSync(cli), 'dist/cli.js is missing: run node esbuild.mjs first');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'simulate', ...args], { timeout: 60_000, env }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as NodeJS.ErrnoException & { code?: number }).code as unknown as number) ?? 1 : 0, stdout, stderr });
    });
  });
}

interface Row {
  check: string;
  kind: string;
  status?: number;
  latencyMs: number;
  verdict: 'pass' | 'fail';
  why: string;
}

async function simulateJson(args: string[]): Promise<{ code: number; report: { passed: boolean; budgetMs: number; budgetNote: string; results: Row[] }; stderr: string }> {
  const run = await simulate([...args, '--json']);
  assert.ok(run.stdout.trim(), `no JSON on stdout; stderr: ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout), stderr: run.stderr };
}

const failing = (rows: Row[]) => rows.filter((r) => r.verdict === 'fail').map((r) => `${r.check}:${r.kind}`);
const secret = 'whsec-test-3b1f';

describe('convapi-line simulate', function () {
  this.timeout(60_000);
  let handler: RunningHandler | undefined;
  let dir: string;
  const start = async (behaviour: Behaviour) => (handler = await startHandler(behaviour));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convapi-line-simulate-'));
  });
  afterEach(async () => {
    await handler?.close();
    handler = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes a handler that verifies signatures, timestamps and nonces: every kind taken, every bad request refused', async () => {
    const h = await start(verifyingHandler(secret));
    const { code, report } = await simulateJson(['--to', h.url, '--secret', secret]);
    assert.deepEqual(failing(report.results), []);
    assert.equal(code, 0);
    assert.equal(report.passed, true);
    const kinds = report.results.filter((r) => r.check === 'callback').map((r) => r.kind);
    assert.deepEqual(kinds, callbackSamples().map((s) => s.kind));
    assert.deepEqual(report.results.filter((r) => r.check !== 'callback').map((r) => [r.check, r.status]), [
      ['forged', 401],
      ['stale', 401],
      ['replayed', 409],
      ['unsigned', 401],
      ['malformed', 400],
    ]);
    // What arrived is what the samples hold, signed over the exact bytes, one trigger per kind.
    const genuine = h.requests.filter((r) => r.answered === 200);
    for (const sample of callbackSamples()) assert.ok(genuine.some((r) => r.body === sample.text), `${sample.kind} did not arrive byte for byte`);
    for (const r of genuine) assert.ok(signatureMatches(secret, r.headers, r.body));
    assert.equal(new Set(genuine.map((r) => r.headers['x-sinch-webhook-signature-nonce'])).size, genuine.length, 'a fresh nonce per request');
    assert.deepEqual(report.budgetMs, 5000);
    assert.match(report.budgetNote, /assumption/);
  });

  it('prints a readable table with the budget named as an assumption', async () => {
    const h = await start(verifyingHandler(secret));
    const run = await simulate(['--to', h.url, '--secret', secret, '--kind', 'inbound-text', '--kind', 'opt-out-blocked']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0]!, /^check\s+kind\s+status\s+latency\s+verdict\s+why$/);
    assert.match(lines[1]!, /^callback\s+inbound-text\s+200\s+\d+ ms\s+PASS\s+answered 200/);
    assert.match(lines[2]!, /^callback\s+opt-out-blocked\s+200/);
    assert.match(run.stdout, /^forged\s+inbound-text\s+401\s+\d+ ms\s+PASS/m);
    assert.match(run.stdout, /All 7 checks passed\./);
    assert.match(run.stdout, /Budget 5000 ms per answer \(.*assumption/);
  });

  it('fails a handler that answers 200 to everything, naming each refusal it missed', async () => {
    const h = await start(() => ({ status: 200 }));
    const { code, report } = await simulateJson(['--to', h.url, '--secret', secret, '--kind', 'inbound-text']);
    assert.equal(code, 1);
    assert.deepEqual(failing(report.results), ['forged:inbound-text', 'stale:inbound-text', 'replayed:inbound-text', 'unsigned:inbound-text']);
    assert.match(report.results.find((r) => r.check === 'forged')!.why, /accepted \(200\).*must verify the signature/);
  });

  it('fails a handler that checks the signature but not its age or nonce: stale and replayed only', async () => {
    const h = await start(verifyingHandler(secret, { checkFreshness: false }));
    const { code, report } = await simulateJson(['--to', h.url, '--secret', secret, '--kind', 'opt-in']);
    assert.equal(code, 1);
    assert.deepEqual(failing(report.results), ['stale:opt-in', 'replayed:opt-in']);
  });

  it('fails the one kind a handler answers 500, and says Sinch retries it', async () => {
    const verify = verifyingHandler(secret);
    const trigger = (body: string) => {
      try {
        return triggerOf(JSON.parse(body)).trigger;
      } catch {
        return undefined;
      }
    };
    const h = await start((request) => (trigger(request.body) === 'OPT_OUT' ? { status: 500 } : verify(request)));
    const { code, report } = await simulateJson(['--to', h.url, '--secret', secret]);
    assert.equal(code, 1);
    assert.deepEqual(failing(report.results), ['callback:opt-out-blocked']);
    const row = report.results.find((r) => r.kind === 'opt-out-blocked')!;
    assert.equal(row.status, 500);
    assert.match(row.why, /answered 500 \(Sinch retries it\); expected 2xx/);
  });

  it('fails a handler slower than the budget (--timeout), without waiting for it', async () => {
    const verify = verifyingHandler(secret);
    const h = await start((request) => {
      const answer = verify(request);
      // Far past any run's length on a busy machine: a run that waited for it would show (closing clears the timer).
      return request.body.includes('"location_message"') ? { ...answer, delayMs: 20_000 } : answer;
    });
    const started = Date.now();
    const { code, report } = await simulateJson(['--to', h.url, '--secret', secret, '--timeout', '400', '--kind', 'inbound-text', '--kind', 'inbound-location']);
    assert.equal(code, 1);
    assert.deepEqual(failing(report.results), ['callback:inbound-location']);
    const slow = report.results.find((r) => r.kind === 'inbound-location')!;
    assert.equal(slow.status, undefined);
    assert.match(slow.why, /no answer within the 400 ms budget/);
    assert.ok(slow.latencyMs >= 390 && slow.latencyMs < 10_000, String(slow.latencyMs));
    assert.ok(Date.now() - started < 10_000, 'the run did not wait for the slow answer');
  });

  it('fails a handler that crashes (5xx) on a body that is not JSON', async () => {
    const h = await start(({ headers, body }) => {
      if (!signatureMatches(secret, headers, body)) return { status: 403 };
      JSON.parse(body);
      return { status: 200 };
    });
    const { code, report } = await simulateJson(['--to', h.url, '--secret', secret, '--kind', 'delivery-failed']);
    assert.equal(code, 1);
    assert.deepEqual(failing(report.results), ['stale:delivery-failed', 'replayed:delivery-failed', 'malformed:(truncated JSON)']);
    assert.match(report.results.find((r) => r.check === 'malformed')!.why, /answered 500: a malformed request must not be a server error/);
  });

  it('without --secret sends unsigned callbacks and runs no refusal checks', async () => {
    const h = await start(() => ({ status: 204 }));
    const { code, report } = await simulateJson(['--to', h.url, '--kind', 'capability']);
    assert.equal(code, 0);
    assert.deepEqual(report.results.map((r) => r.check), ['callback', 'malformed']);
    assert.equal(h.requests[0]!.headers['x-sinch-webhook-signature'], undefined);
  });

  it('reports a handler that is not running as a failure (exit 1), not a crash', async () => {
    const h = await start(() => ({ status: 200 }));
    const url = h.url;
    await h.close();
    handler = undefined;
    const { code, report } = await simulateJson(['--to', url, '--kind', 'inbound-text']);
    assert.equal(code, 1);
    assert.match(report.results[0]!.why, /connection refused/);
  });

  it('sends the user\'s own *.callback.json, with the app and contact ids given', async () => {
    const h = await start(verifyingHandler(secret));
    const file = join(dir, 'my-order.callback.json');
    writeFileSync(file, sampleByKind('inbound-choice-response')!.text);
    const { code, report } = await simulateJson(['--to', h.url, '--secret', secret, '--file', file, '--app-id', 'MYAPP', '--contact-id', 'MYCONTACT']);
    assert.equal(code, 0);
    assert.equal(report.results[0]!.kind, 'my-order');
    const sent = JSON.parse(h.requests[0]!.body);
    assert.equal(sent.app_id, 'MYAPP');
    assert.equal(sent.message.contact_id, 'MYCONTACT');
    assert.ok(signatureMatches(secret, h.requests[0]!.headers, h.requests[0]!.body));
  });

  it('sends nothing when a --file is not a callback, naming the file and the place (exit 2)', async () => {
    const h = await start(() => ({ status: 200 }));
    const file = join(dir, 'bad.callback.json');
    writeFileSync(file, JSON.stringify({ app_id: 'A', message: { id: 7, contact_message: {} } }));
    const run = await simulate(['--to', h.url, '--file', file, '--kind', 'inbound-text']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} at /message/id: "id" must be a string`));
    assert.equal(h.requests.length, 0);
  });

  it('does not read a --file larger than a callback can be', async () => {
    const h = await start(() => ({ status: 200 }));
    const file = join(dir, 'huge.callback.json');
    writeFileSync(file, `{"event":{"id":"${'x'.repeat(2 * 1024 * 1024)}"}}`);
    const run = await simulate(['--to', h.url, '--file', file]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /huge\.callback\.json is \d+ bytes, more than a callback can be \(at most 1048576\); nothing was sent/);
    assert.equal(h.requests.length, 0);
  });

  it('a --file nested too deeply for --app-id is a usage error, not a stack trace', async () => {
    const h = await start(() => ({ status: 200 }));
    const file = join(dir, 'deep.callback.json');
    const depth = 100_000;
    writeFileSync(file, `{"event":{"id":"x","contact_event":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}}`);
    const run = await simulate(['--to', h.url, '--file', file, '--app-id', 'Z']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nested too deeply to put an app or contact id in/);
    assert.doesNotMatch(run.stderr, /RangeError|at /);
    assert.equal(h.requests.length, 0);
  });

  it('--secret-env reads the secret from the environment, keeping it off the command line', async () => {
    const h = await start(verifyingHandler(secret));
    const run = await simulate(['--to', h.url, '--secret-env', 'HANDLER_SECRET', '--kind', 'opt-in', '--json'], { ...process.env, HANDLER_SECRET: secret });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(JSON.parse(run.stdout).signed, true);
    const unset = await simulate(['--to', h.url, '--secret-env', 'CONVAPI_NO_SUCH_VARIABLE']);
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /--secret-env CONVAPI_NO_SUCH_VARIABLE: that environment variable is not set or empty/);
  });

  it('usage errors exit 2: an unknown kind names the known ones, http off this machine, no --to, bad --timeout', async () => {
    const unknown = await simulate(['--to', 'http://127.0.0.1:9/x', '--kind', 'inbound-sticker']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no sample of kind "inbound-sticker"; the kinds are capability, channel-event, .*inbound-text/);
    const plain = await simulate(['--to', 'http://192.0.2.10/webhook']);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /plain http is only for a handler on this machine .* use https for 192\.0\.2\.10/);
    const none = await simulate(['--secret', 'x']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /needs --to <url>/);
    const timeout = await simulate(['--to', 'http://127.0.0.1:9/x', '--timeout', 'soon']);
    assert.equal(timeout.code, 2);
    assert.match(timeout.stderr, /--timeout takes a whole number of milliseconds/);
    const option = await simulate(['--to', 'http://127.0.0.1:9/x', '--secrets', 'x']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /simulate has no option --secrets/);
    const help = await simulate(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: convapi-line simulate --to <url>/);
  });
});
