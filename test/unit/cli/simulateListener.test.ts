// `convapi-line simulate` (the built CLI) against the project's own webhook listener: the two halves must agree
// on the contract, each checked by the other.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { callbackSamples } from '../../../src/core/simulate/samples';
import type { CallbackRecord } from '../../../src/core/webhook/callbackRecord';
import { type Listener, start } from '../../../src/core/webhook/listener';
import { repoRoot } from '../core/testSupport';

function simulateJson(args: string[]): Promise<{ code: number; report: { passed: boolean; results: { check: string; kind: string; status?: number; verdict: string; why: string }[] } }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'simulate', ...args, '--json'], { timeout: 60_000 }, (error, stdout, stderr) => {
      try {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, report: JSON.parse(stdout) });
      } catch {
        reject(new Error(`no JSON from simulate: ${stdout}\n${stderr}`));
      }
    });
  });
}

describe('convapi-line simulate against the project\'s own listener', function () {
  this.timeout(60_000);
  const secret = 'listener-secret-9d2';
  let listener: Listener;
  let records: CallbackRecord[];
  beforeEach(async () => {
    records = [];
    listener = await start({ port: 0, secret, onRecord: (r) => records.push(r) });
  });
  afterEach(() => listener.close());

  it('every kind is accepted, verified and recognised; forged, stale, replayed and unsigned are refused', async () => {
    const { code, report } = await simulateJson(['--to', `${listener.url}webhook`, '--secret', secret]);
    assert.deepEqual(report.results.filter((r) => r.verdict === 'fail'), []);
    assert.equal(code, 0);
    for (const sample of callbackSamples()) {
      const record = records.find((r) => r.rawBody === sample.text);
      assert.ok(record, `${sample.kind} was not recorded`);
      assert.equal(record.accepted, true, sample.kind);
      assert.equal(record.signature, 'verified', sample.kind);
      assert.equal(record.trigger, sample.trigger, sample.kind);
    }
    const refused = records.filter((r) => !r.accepted).map((r) => r.rejectReason ?? '');
    assert.equal(refused.length, 5, refused.join(' | '));
    assert.ok(refused.some((r) => /signature does not match/.test(r)), 'forged');
    // Signed an hour back by the CLI's clock, judged by the listener's a moment later: a second may tick between.
    assert.ok(refused.some((r) => /timestamp 3,60\d s old/.test(r)), `stale: ${refused.join(' | ')}`);
    assert.ok(refused.some((r) => /nonce used before/.test(r)), 'replayed');
    assert.ok(refused.some((r) => /no signature headers/.test(r)), 'unsigned');
    assert.equal(records.filter((r) => !r.accepted && r.status >= 500).length, 0);
  });

  it('a listener without a secret takes the callbacks but fails the refusal checks, and simulate says so', async () => {
    await listener.close();
    listener = await start({ port: 0, onRecord: (r) => records.push(r) });
    const { code, report } = await simulateJson(['--to', listener.url, '--secret', secret, '--kind', 'inbound-text']);
    assert.equal(code, 1);
    assert.deepEqual(report.results.filter((r) => r.verdict === 'fail').map((r) => r.check), ['forged', 'stale', 'replayed', 'unsigned']);
  });
});
