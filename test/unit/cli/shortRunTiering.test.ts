import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyShortRunTiering, checkRunInterruptBudget } from '../../../src/cli/shortRunTiering';
import { runCli } from './cliProcess';

describe('convapi-line check tunes V8 for a short run, only where it was measured', () => {
  it('leaves another V8 alone: its flags may differ, and it would print "unrecognized flag"', () => {
    // Not called with the running V8 here: it would change how this test process optimizes the suites after it.
    for (const version of ['10.2.154.26-node.26', '12.4.254.21-node.21', '13.6.233.10-node.23']) {
      assert.equal(applyShortRunTiering(version), false, version);
    }
    assert.equal(checkRunInterruptBudget, 16 * 67_584, "16 times V8 11's default");
  });

  it('the check process says nothing about it: exit 0, only the summary on stderr', async function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'convapi-line-tiering-'));
    try {
      writeFileSync(join(dir, 'a.line.json'), JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'Hi' } } }));
      const r = await runCli(['check', dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '1 file checked: 0 errors, 0 warnings, 0 information.\n');
      assert.equal(r.stdout, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
