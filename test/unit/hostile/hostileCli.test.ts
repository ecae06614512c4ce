// Hostile files and names against the `check` and `preview` commands: every file reported, nothing forged,
// nothing overwritten, nothing read without bound.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../cli/cliInProcess';

const cli = resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

const valid = JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'Hi' } } });
const longTitle = JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { card_message: { title: 'T'.repeat(41), choices: [{ text_message: { text: 'ok' } }] } } }, null, 2);
type JsonReport = { files: { file: string; diagnostics: { code: string; message: string; severity: string; range: { start: { line: number; character: number } } }[] }[]; skipped: { path: string; reason: string }[] };

describe('hostile input: the check command', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convapi-line-hostile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a FIFO and a device named as payloads are unreadable with the reason, and the other files are still reported', async () => {
    const fifo = join(dir, 'pipe.line.json');
    execFileSync('mkfifo', [fifo]);
    writeFileSync(join(dir, 'ok.line.json'), valid);
    const r = await run(['check', '--json', fifo, '/dev/zero', join(dir, 'ok.line.json')]);
    const out = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(out.files.map((f) => f.diagnostics.map((d) => d.code)), [['file.unreadable'], ['file.unreadable'], []]);
    assert.match(out.files[0]!.diagnostics[0]!.message, /a FIFO \(named pipe\), not a regular file/);
    assert.match(out.files[1]!.diagnostics[0]!.message, /a character device, not a regular file/);
    assert.equal(r.code, 1);
    // Found by a directory search too, not passed over.
    const walked = JSON.parse((await run(['check', '--json', dir])).stdout) as JsonReport;
    assert.deepEqual(walked.files.map((f) => [f.file, f.diagnostics.map((d) => d.code).join()]), [[`${dir}/ok.line.json`, ''], [`${dir}/pipe.line.json`, 'file.unreadable']]);
  });

  it('a file over the size limit is unreadable without being read; --max-size raises the limit', async () => {
    const big = join(dir, 'big.line.json');
    writeFileSync(big, JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'x'.repeat(3000) } } }));
    const small = JSON.parse((await run(['check', '--json', '--max-size', '0.001', big])).stdout) as JsonReport;
    assert.match(small.files[0]!.diagnostics[0]!.message, /over the 1\.0 KB limit \(raise it with --max-size\)/);
    const raised = await run(['check', '--json', '--max-size', '1', big]);
    assert.equal(raised.code, 0);
    assert.equal((await run(['check', '--max-size', 'lots', big])).code, 2);
  });

  it('a directory named like a payload, given by name, is searched; with nothing in it the run exits 2', async () => {
    mkdirSync(join(dir, 'x.line.json'));
    const r = await run(['check', join(dir, 'x.line.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no payload file \(\*\.line\.json and \*\.convapi\.json\)/);
  });

  it('a .json file named on the command line is checked whatever its name', async () => {
    writeFileSync(join(dir, 'payload.json'), longTitle);
    const r = await run(['check', '--json', join(dir, 'payload.json')]);
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.stdout) as JsonReport).files[0]!.diagnostics[0]!.code, 'card.title.too-long');
  });

  it('each file is reported once, however often it is named or reached', async () => {
    writeFileSync(join(dir, 'a.line.json'), longTitle);
    symlinkSync(join(dir, 'a.line.json'), join(dir, 'b.line.json'));
    // A hard link: another name of the same file, told apart only by its device and inode.
    linkSync(join(dir, 'a.line.json'), join(dir, 'c.line.json'));
    const r = await run(['check', '--json', join(dir, 'a.line.json'), join(dir, 'a.line.json'), dir, `${dir}/./a.line.json`, join(dir, 'c.line.json')]);
    assert.deepEqual((JSON.parse(r.stdout) as JsonReport).files.map((f) => f.file), [join(dir, 'a.line.json')]);
    const walked = await run(['check', '--json', `${dir}/`]);
    assert.deepEqual((JSON.parse(walked.stdout) as JsonReport).files.map((f) => f.file), [`${dir}/a.line.json`]);
  });

  it('says what a search skipped: build output, dependencies, dangling links', async () => {
    for (const skipped of ['out', 'dist', 'node_modules', join('deep', 'out')]) {
      mkdirSync(join(dir, skipped), { recursive: true });
      writeFileSync(join(dir, skipped, 'copy.line.json'), valid);
    }
    writeFileSync(join(dir, 'real.line.json'), valid);
    symlinkSync(join(dir, 'gone.line.json'), join(dir, 'dangling.line.json'));
    const r = await run(['check', '--json', dir]);
    const out = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(out.files.map((f) => f.file), [`${dir}/real.line.json`]);
    assert.deepEqual(out.skipped, [
      { path: `${dir}/dangling.line.json`, reason: 'dangling symbolic link' },
      { path: `${dir}/deep/out`, reason: 'build output' },
      { path: `${dir}/dist`, reason: 'build output' },
      { path: `${dir}/node_modules`, reason: 'dependencies' },
      { path: `${dir}/out`, reason: 'build output' },
    ]);
    assert.equal(r.stderr.split('\n').filter((l) => l.includes('skipped')).length, 1, 'one line on stderr');
    assert.match(r.stderr, /skipped 5: .*dangling\.line\.json \(dangling symbolic link\).*\/out \(build output\)/);
    const help = await run(['check', '--help']);
    assert.match(help.stdout, /skipping node_modules\/, \.git\/, \.vscode-test\/, dist\/, out\/ at any depth/);
  });

  it('text output escapes control characters: a key cannot forge a finding, a title or a CI command', async () => {
    const forged = `x\n${dir}/other.line.json:1:1 error forged.finding Forged\n::error file=a::injected\u001b]0;title\u0007\r`;
    const file = join(dir, 'evil.line.json');
    writeFileSync(file, JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'hi' } }, [forged]: 1 }));
    const named = join(dir, 'new\nline.line.json');
    writeFileSync(named, longTitle);
    const r = await run(['check', file, named]);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 2, r.stdout);
    assert.ok(lines[0]!.startsWith(`${file}:1:`), lines[0]);
    assert.ok(lines[1]!.startsWith(`${dir}/new\\nline.line.json:8:16 error card.title.too-long`), lines[1]);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f]/.test(r.stdout), 'no raw control character');
    assert.match(lines[0]!, /Unknown property "x\\n.*\\n::error file=a::injected\\u001b\]0;title\\u0007\\r"/);
  });

  it('a UTF-16 file is one finding naming the encoding; invalid UTF-8 is reported where it is, and the rest still checked', async () => {
    const utf16 = join(dir, 'utf16.line.json');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(longTitle, 'utf16le')]));
    const bare16 = join(dir, 'bare16.line.json');
    writeFileSync(bare16, Buffer.from(valid, 'utf16le'));
    const latin1 = join(dir, 'latin1.line.json');
    writeFileSync(latin1, Buffer.concat([Buffer.from(longTitle.replace('"T', '"\u0000T').split('\u0000')[0]!, 'utf8'), Buffer.from([0xe9]), Buffer.from(longTitle.replace('"T', '"\u0000T').split('\u0000')[1]!, 'utf8')]));
    const r = await run(['check', '--json', utf16, bare16, latin1]);
    const out = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(out.files[0]!.diagnostics.map((d) => d.code), ['file.encoding']);
    assert.match(out.files[0]!.diagnostics[0]!.message, /This file is UTF-16 \(little-endian, with a byte order mark\); payloads are UTF-8/);
    assert.deepEqual(out.files[1]!.diagnostics.map((d) => d.code), ['file.encoding']);
    const invalid = out.files[2]!.diagnostics;
    assert.deepEqual(invalid.map((d) => d.code), ['card.title.too-long', 'file.encoding'], 'the title (read with a �) is still checked');
    assert.match(invalid[1]!.message, /Invalid UTF-8 at byte \d+ \(bytes e9/);
    assert.deepEqual(invalid[1]!.range.start, { line: 7, character: 16 }, 'just inside the title string');
  });

  it('--media-timeout and --media-deadline outside their ranges are usage errors', async () => {
    writeFileSync(join(dir, 'ok.line.json'), valid);
    for (const args of [['--media-timeout', '10'], ['--media-timeout', '999999'], ['--media-timeout', '1.5e3x'], ['--media-deadline', '0'], ['--media-deadline', '99999']]) {
      const r = await run(['check', '--media', ...args, dir]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, new RegExp(args[0]!));
    }
  });

  it('memory: checking a 16 MB carousel (90,000 findings, capped) takes a bounded multiple of the file', () => {
    // An unknown property per card: 90,000 warnings, of which 1,000 are listed after the carousel's error.
    const card = (i: number) => ({ title: `Card ${i}`, unknown_note: 'N'.repeat(40), description: 'd', media_message: { url: `https://cdn.example.com/${i}.jpg` }, choices: [{ text_message: { text: 'Buy' } }] });
    const file = join(dir, 'big.line.json');
    writeFileSync(file, JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { carousel_message: { cards: Array.from({ length: 90_000 }, (_, i) => card(i)) } } }));
    const size = statSync(file).size;
    // The child reports its own peak resident memory as it exits.
    const probe = join(dir, 'peak.js');
    writeFileSync(probe, `process.on('exit', () => process.stderr.write('PEAK ' + process.resourceUsage().maxRSS * 1024 + '\\n'));`);
    const peak = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--require', probe, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      return { bytes: Number(/PEAK (\d+)/.exec(r.stderr)?.[1]), stdout: r.stdout, status: r.status };
    };
    const bare = peak(['-e', '0']).bytes;
    const checked = peak([cli, 'check', '--json', '--max-size', '64', file]);
    assert.equal(checked.status, 1);
    const diagnostics = (JSON.parse(checked.stdout) as JsonReport).files[0]!.diagnostics;
    assert.ok(diagnostics.some((d) => d.code === 'carousel.too-many-cards'));
    assert.ok(diagnostics.length <= 1001, `${diagnostics.length} findings listed`);
    const multiple = (checked.bytes - bare) / size;
    assert.ok(multiple < 20, `check used ${(multiple).toFixed(1)}× the file's size (${(checked.bytes / 1e6).toFixed(0)} MB for ${(size / 1e6).toFixed(0)} MB)`);
  });

  it('a closed stdout (check … | head) ends the run quietly, without a stack trace', async () => {
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `p${String(i).padStart(3, '0')}.line.json`), longTitle);
    const child = spawn(process.execPath, [cli, 'check', dir]);
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.doesNotMatch(stderr, /EPIPE|Error|at /);
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
  });
});

describe('hostile input: the preview command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convapi-line-hostile-preview-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never writes over the payload, and over another file only when it is HTML or with --force', async () => {
    const payload = join(dir, 'p.line.json');
    writeFileSync(payload, valid);
    for (const args of [['--out', payload], ['--out', payload, '--force'], ['--out', `${dir}/./p.line.json`, '--force']]) {
      const r = await run(['preview', payload, ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /is the payload file itself/);
      assert.equal(readFileSync(payload, 'utf8'), valid);
    }
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'my notes');
    const refused = await run(['preview', payload, '--out', notes]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /exists and is not an HTML page; pass --force/);
    assert.equal(readFileSync(notes, 'utf8'), 'my notes');
    assert.equal((await run(['preview', payload, '--out', notes, '--force'])).code, 0);
    assert.match(readFileSync(notes, 'utf8'), /^<!DOCTYPE html>/i);
    assert.equal((await run(['preview', payload, '--out', notes])).code, 0, 'an earlier page may be replaced');
  });
});
