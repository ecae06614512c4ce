import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyShortRunTiering } from '../../../src/cli/shortRunTiering';
import { cliPath, runCli } from './cliProcess';

describe('convapi-line check tunes V8 for a short run, only where it was measured', () => {
  it('leaves another V8 alone: its flags may differ, and it would print "unrecognized flag"', () => {
    // Not called with the running V8 here: it would change how this test process optimizes the suites after it.
    for (const version of ['10.2.154.26-node.26', '11.8.172.17-node.19', '12.4.254.21-node.21', '13.6.233.10-node.23']) {
      assert.equal(applyShortRunTiering(version), false, version);
    }
  });

  it('takes effect in the check process: V8 marks far fewer functions for optimization than in the same run in-process', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'convapi-line-tiering-'));
    try {
      const card = (i: number) => ({ title: `Card ${i}`, description: 'd', media_message: { url: `https://example.com/${i}.jpg` }, choices: [{ text_message: { text: 'Buy' } }] });
      for (let f = 0; f < 300; f++) {
        const cards = Array.from({ length: (f % 9) + 2 }, (_, i) => card(i));
        writeFileSync(join(dir, `p${f}.line.json`), JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { carousel_message: { cards } } }));
      }
      const markings = (args: string[]) => {
        const r = spawnSync(process.execPath, ['--trace-opt', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        assert.equal(r.status, 0, r.stderr);
        return r.stdout.split('\n').filter((l) => l.startsWith('[marking')).length;
      };
      const cliRun = markings([cliPath, 'check', '--json', dir]);
      // The same command through main() in a process of its own making: no tiering applied (main.ts applies it only
      // when run from the command line).
      const inProcess = markings(['-e', `require(${JSON.stringify(cliPath)}).loadCli().cli.main(['check', '--json', ${JSON.stringify(dir)}]).then((c) => { process.exitCode = c; })`]);
      assert.ok(inProcess >= 8 && cliRun * 3 < inProcess, `functions marked: ${cliRun} in the CLI process, ${inProcess} in-process`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
