import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..', '..', '..');
const dist = join(repo, 'dist');

/** Runs the built bin's CLI in a process of its own and lists the bundles of dist/ that process loaded. */
function bundlesLoadedBy(argv: string[]): { code: number; loaded: string[] } {
  const script = `
    const { loadCli } = require(${JSON.stringify(join(dist, 'cli.js'))});
    const quiet = { stdout: () => {}, stderr: () => {} };
    loadCli().cli.main(${JSON.stringify(argv)}, quiet).then((code) => {
      const loaded = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(dist)})).map((f) => f.slice(${dist.length + 1})).sort();
      process.stdout.write(JSON.stringify({ code, loaded }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: repo })) as never;
}

describe('the CLI loads its parts when first used (dist/cli-commands.js, media.js, undici.js, validators/)', function () {
  this.timeout(60_000);
  const fixture = (name: string) => join(repo, 'test', 'fixtures', 'payloads', name);

  it('a check of plain payloads loads nothing but the bin and its bundle', () => {
    assert.deepEqual(bundlesLoadedBy(['check', '--json', fixture('valid/card.line.json'), fixture('invalid/card-title-too-long.line.json')]), { code: 1, loaded: ['cli.js'] });
  });

  it('a check of an explicit LINE message loads LINE\'s validator; --media loads media pre-flight and the HTTP client', () => {
    assert.deepEqual(bundlesLoadedBy(['check', fixture('valid/explicit-template-and-text.line.json')]).loaded, ['cli.js', 'validators/lineExplicit.js']);
    // A card image on a closed port of this machine: nothing leaves it.
    const dir = mkdtempSync(join(tmpdir(), 'convapi-lazy-parts-'));
    try {
      const card = { title: 'T', description: 'D', media_message: { url: 'https://127.0.0.1:9/card.png' }, choices: [{ text_message: { text: 'ok' } }] };
      const file = join(dir, 'card.line.json');
      writeFileSync(file, JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { card_message: card } }));
      const withMedia = bundlesLoadedBy(['check', '--media', '--media-allow-private', '--media-timeout', '500', file]);
      assert.deepEqual(withMedia.loaded, ['cli.js', 'media.js', 'undici.js']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('another command loads the commands\' bundle, and its usage errors are still usage errors (exit 2)', () => {
    assert.deepEqual(bundlesLoadedBy(['send', '--help']), { code: 0, loaded: ['cli-commands.js', 'cli.js'] });
    assert.deepEqual(bundlesLoadedBy(['listen', '--port', 'not a port']), { code: 2, loaded: ['cli-commands.js', 'cli.js'] });
  });
});
