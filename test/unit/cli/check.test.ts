import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './cliInProcess';

const valid = JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'Hi' } } });
const longTitle = JSON.stringify(
  { app_id: 'A', recipient: { contact_id: 'C' }, message: { card_message: { title: 'T'.repeat(41), choices: [{ text_message: { text: 'ok' } }] } } },
  null,
  2,
);

describe('convapi-line check', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convapi-line-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 for clean files and prints nothing on stdout', async () => {
    writeFileSync(join(dir, 'ok.line.json'), valid);
    const r = await run(['check', join(dir, 'ok.line.json')]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /1 file checked: 0 errors/);
  });

  it('prints compiler-style lines with 1-based positions and exits 1 on an error', async () => {
    const file = join(dir, 'bad.line.json');
    writeFileSync(file, longTitle);
    const r = await run(['check', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, `${file}:8:16 error card.title.too-long Card title is 41 characters; LINE allows at most 40.\n`);
  });

  it('--json prints exactly the documented shape, with 0-based ranges and the file as given', async () => {
    writeFileSync(join(dir, 'bad.line.json'), longTitle);
    const r = await run(['check', '--json', join(dir, 'bad.line.json')]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['files', 'skipped']);
    assert.deepEqual(out.skipped, []);
    assert.equal(out.files[0].file, join(dir, 'bad.line.json'));
    assert.deepEqual(out.files[0].diagnostics, [
      {
        severity: 'error',
        code: 'card.title.too-long',
        message: 'Card title is 41 characters; LINE allows at most 40.',
        pointer: '/message/card_message/title',
        range: { start: { line: 7, character: 15 }, end: { line: 7, character: 58 } },
      },
    ]);
  });

  it('searches directories for *.line.json and *.convapi.json only, skipping node_modules', async () => {
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'a.line.json'), valid);
    writeFileSync(join(dir, 'nested', 'deeper', 'b.convapi.json'), valid);
    writeFileSync(join(dir, 'nested', 'other.json'), '{ not json');
    writeFileSync(join(dir, 'node_modules', 'c.line.json'), '{ not json');
    const r = await run(['check', '--json', dir]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file), [join(dir, 'a.line.json'), join(dir, 'nested', 'deeper', 'b.convapi.json')]);
  });

  it('follows symbolic links to files and directories, without looping; a directory with no payload is exit 2 unless --allow-empty', async () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'a.line.json'), valid);
    mkdirSync(join(dir, 'linked'));
    symlinkSync(join(dir, 'real', 'a.line.json'), join(dir, 'linked', 'b.line.json'));
    symlinkSync(join(dir, 'linked'), join(dir, 'linked', 'loop'));
    mkdirSync(join(dir, 'empty'));
    const strict = await run(['check', '--json', join(dir, 'linked'), join(dir, 'empty')]);
    assert.equal(strict.code, 2);
    assert.deepEqual(JSON.parse(strict.stdout).files.map((f: { file: string }) => f.file), [join(dir, 'linked', 'b.line.json')], 'the files found are still reported');
    assert.match(strict.stderr, new RegExp(`no payload file \\(\\*\\.line\\.json and \\*\\.convapi\\.json\\) in ${join(dir, 'empty').replace(/[/.]/g, '\\$&')}`));
    const r = await run(['check', '--json', '--allow-empty', join(dir, 'linked'), join(dir, 'empty')]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, new RegExp(`warning: no \\*\\.line\\.json and \\*\\.convapi\\.json file in ${join(dir, 'empty').replace(/[/.]/g, '\\$&')}`));
  });

  it('reports unreadable and non-JSON files as diagnostics and still checks the rest', async () => {
    writeFileSync(join(dir, 'broken.line.json'), '{\n  "app_id": "A",\n  "recipient": \n}');
    writeFileSync(join(dir, 'ok.line.json'), valid);
    const r = await run(['check', '--json', join(dir, 'missing.line.json'), join(dir, 'broken.line.json'), join(dir, 'ok.line.json')]);
    assert.equal(r.code, 1);
    const files = JSON.parse(r.stdout).files;
    assert.equal(files.length, 3);
    assert.equal(files[0].diagnostics[0].code, 'file.unreadable');
    assert.equal(files[1].diagnostics[0].code, 'json.syntax');
    assert.deepEqual(files[1].diagnostics[0].range.start, { line: 3, character: 0 });
    assert.deepEqual(files[2].diagnostics, []);
  });

  it('ignores a UTF-8 byte order mark', async () => {
    writeFileSync(join(dir, 'bom.line.json'), '\uFEFF' + valid);
    assert.equal((await run(['check', join(dir, 'bom.line.json')])).code, 0);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await run(['check'])).code, 2);
    assert.equal((await run(['check', '--nope', 'x'])).code, 2);
    assert.equal((await run(['frobnicate'])).code, 2);
    assert.equal((await run([])).code, 2);
    const help = await run(['check', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: convapi-line check/);
  });
});
