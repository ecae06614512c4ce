import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') && !full.endsWith('.d.ts') ? [full] : [];
  });
}

describe('layering', () => {
  for (const layer of ['src/core', 'src/protocol']) {
    it(`${layer} never imports vscode (it runs in the CLI, the webview and plain Node)`, () => {
      const offenders = sources(join(repo, layer)).filter((file) => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(readFileSync(file, 'utf8')));
      assert.deepEqual(offenders.map((f) => relative(repo, f)), []);
    });
  }

  it('src/cli imports the core, never the VS Code adapters', () => {
    const offenders = sources(join(repo, 'src/cli')).filter((file) => /from\s+['"](vscode|\.\.\/vscode\/[^'"]*)['"]/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders.map((f) => relative(repo, f)), []);
  });
});
