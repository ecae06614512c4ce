import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

const runPreview = (argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }) => main(['preview', ...argv], io);
import { parseHtml, parts, elements } from './htmlTree';
import * as sample from './samplePayloads';

describe('convapi-line preview', () => {
  let dir: string;
  let out: { stdout: string; stderr: string };
  const io = { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convapi-preview-'));
    out = { stdout: '', stderr: '' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a self-contained page and exits 0, even when the page shows LINE errors', async () => {
    const payload = file('card.line.json', JSON.stringify(sample.card({ title: 'x'.repeat(41) }), null, 2));
    const html = join(dir, 'card.html');
    assert.equal(await runPreview([payload, '--out', html], io), 0);
    const tree = parseHtml(readFileSync(html, 'utf8'));
    assert.equal(parts(tree, 'card').length, 1);
    assert.equal(parts(tree, 'title')[0]?.attributes['data-problem'], 'error');
    assert.ok(!elements(tree).some((e) => e.tag === 'script'));
    assert.match(out.stdout, /Wrote .*card\.html \(1 error, 0 warnings marked in the preview\)/);
    assert.equal(out.stderr, '');
  });

  it('takes -o and --theme dark', async () => {
    const payload = file('text.line.json', JSON.stringify(sample.text('Hi')));
    const html = join(dir, 'text.html');
    assert.equal(await runPreview(['-o', html, '--theme', 'dark', payload], io), 0);
    assert.match(readFileSync(html, 'utf8'), /<body data-theme="dark">/);
  });

  it('exits 2 with the usage on usage errors', async () => {
    const payload = file('a.line.json', '{}');
    const cases: Array<[string[], RegExp]> = [
      [[], /missing the payload <file>/],
      [[payload], /missing --out <file\.html>/],
      [[payload, payload, '--out', 'x.html'], /expected one payload file, got 2/],
      [[payload, '--out', 'x.html', '--verbose'], /preview has no option --verbose; its options are -o, --out, --theme, --force, -h, --help\./],
      [[payload, '--out'], /--out/],
      [[payload, '--out', 'x.html', '--theme', 'blue'], /--theme must be light or dark, not "blue"/],
    ];
    for (const [argv, message] of cases) {
      out = { stdout: '', stderr: '' };
      assert.equal(await runPreview(argv, io), 2, argv.join(' '));
      assert.match(out.stderr, message, argv.join(' '));
      assert.match(out.stderr, /Usage: convapi-line preview <file> --out <file\.html>/);
    }
    assert.equal(existsSync('x.html'), false);
  });

  it('exits 1 naming the file and the line:col when the file is not JSON', async () => {
    const broken = file('broken.line.json', '{\n  "message": {\n    "text_message": { "text": "Hi" }\n    "x": 1\n  }\n}\n');
    const html = join(dir, 'broken.html');
    assert.equal(await runPreview([broken, '--out', html], io), 1);
    assert.match(out.stderr, /broken\.line\.json:4:5 error json\.syntax Comma expected\./);
    assert.equal(out.stderr.trim().split('\n').length, 1, 'one syntax error, as check reports it');
    assert.equal(existsSync(html), false);
  });

  it('exits 1 for an empty file and for a file that cannot be read', async () => {
    assert.equal(await runPreview([file('empty.json', '  \n'), '--out', join(dir, 'e.html')], io), 1);
    assert.match(out.stderr, /empty\.json:1:1 error json\.syntax The file is empty/);
    out = { stdout: '', stderr: '' };
    assert.equal(await runPreview([join(dir, 'missing.json'), '--out', join(dir, 'm.html')], io), 1);
    assert.match(out.stderr, /missing\.json:1:1 error file\.unreadable Cannot read the file: no such file/);
  });

  it('accepts a file saved with a byte-order mark', async () => {
    const payload = file('bom.line.json', '\ufeff' + JSON.stringify(sample.text('Hi')));
    assert.equal(await runPreview([payload, '--out', join(dir, 'bom.html')], io), 0);
  });

  it('prints the usage for --help and exits 0', async () => {
    assert.equal(await runPreview(['--help'], io), 0);
    assert.match(out.stdout, /Exit codes: 0 page written/);
  });
});
