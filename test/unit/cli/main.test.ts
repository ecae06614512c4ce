import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './cliInProcess';

describe('convapi-line command line', () => {
  it('sends every usage error to stderr with exit 2 and nothing on stdout, including no arguments at all', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /convapi-line: missing the command\./],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['--frobnicate'], /unknown option --frobnicate; the options before a command are -h, --help, -v, --version/],
      [['check'], /check needs at least one file or directory/],
      [['check', '--nope', 'x.line.json'], /check has no option --nope; its options are --json, --allow-empty, --max-size, --media, --media-timeout, --media-deadline, --media-allow-private, -h, --help\./],
      [['check', '-x', 'x.line.json'], /check has no option -x; its options are/],
      [['check', 'x.line.json', '--media-timeout'], /--media-timeout needs a value\./],
      [['check', '--json=yes', 'x.line.json'], /--json takes no value\./],
      [['preview', 'a.line.json', '--out', 'a.html', '--verbose'], /preview has no option --verbose; its options are -o, --out, --theme, --force, -h, --help\./],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stdout, '', argv.join(' '));
      assert.match(r.stderr, message, argv.join(' '));
      assert.match(r.stderr, /Usage: convapi-line/, `${argv.join(' ')}: the usage follows the message`);
      assert.doesNotMatch(r.stderr, /ERR_PARSE_ARGS|Unknown option '/, "never Node's raw parser text");
    }
  });

  it('prints the help on stdout with exit 0 for --help, -h and help', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await run(argv);
      assert.equal(r.code, 0, argv.join(' '));
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^Usage: convapi-line <command> \[options\]/);
    }
    const checkHelp = await run(['help', 'check']);
    assert.equal(checkHelp.code, 0);
    assert.match(checkHelp.stdout, /^Usage: convapi-line check/);
    for (const argv of [['check', '--help'], ['check', '-h'], ['preview', '--help']]) {
      const r = await run(argv);
      assert.equal(r.code, 0, argv.join(' '));
      assert.equal(r.stderr, '');
      assert.match(r.stdout, new RegExp(`^Usage: convapi-line ${argv[0]}`));
    }
  });

  it('lists every command with its main options in the top-level help', async () => {
    const { stdout } = await run(['--help']);
    for (const command of ['check', 'preview']) {
      // Each option the command's own help documents (long form) appears on its line of the top-level help.
      const own = (await run([command, '--help'])).stdout;
      const line = stdout.split('\n').find((l) => l.trimStart().startsWith(`${command} `));
      assert.ok(line, `${command} is listed`);
      const options = [...own.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!).filter((o) => o !== '--help');
      assert.ok(options.length > 0, `${command} documents options`);
      for (const option of options) assert.ok(line.includes(option), `${command}'s line names ${option}: ${line}`);
    }
    assert.match(stdout, /check \[--json\] \[--allow-empty\]/);
  });

  it('prints the version on stdout', async () => {
    const r = await run(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\S+\n$/);
  });

  it('runs a command whose options come after its files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convapi-line-main-'));
    try {
      const file = join(dir, 'ok.line.json');
      writeFileSync(file, JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { text_message: { text: 'Hi' } } }));
      const r = await run(['check', file, '--json']);
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.stdout), { files: [{ file, diagnostics: [] }], skipped: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
