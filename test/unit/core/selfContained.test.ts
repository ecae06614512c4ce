// The repository must build and pass its tests from a clone with nothing beside it: no test, script, build file or
// instruction may read a path outside it (above all, the folder of contracts and specs the project was started from).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturePath, repoRoot, specExamples } from './testSupport';

// Built from parts so that this file does not match itself.
const outside = [
  new RegExp(['\\.\\.', 'shared'].join('[\\\\/]')),
  new RegExp(["'\\.\\.'", "'shared'"].join(',\\s*')),
  new RegExp(['/work', '(shared|main)'].join('/')),
  new RegExp(['\\.\\.', '\\.\\.', '\\.\\.', '\\.\\.'].join('[\\\\/]')),
];

describe('a self-contained repository', () => {
  it('no tracked file reads a path outside the repository', () => {
    const root = repoRoot();
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    const checked = files.filter((f) => /\.(ts|mts|mjs|js|json|md|sh|yml|yaml)$|^\.ci\/|^\.mocharc/.test(f) && !f.startsWith('test/fixtures/contracts/') && f !== 'package-lock.json' && f !== 'test/unit/core/selfContained.test.ts');
    assert.ok(checked.length > 50, `only ${checked.length} files found to check`);
    const hits: string[] = [];
    for (const f of checked) {
      const text = readFileSync(path.join(root, f), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (outside.some((re) => re.test(line))) hits.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    assert.deepEqual(hits, []);
  });

  it('the detector would catch a reference to the shared folder', () => {
    const sample = ['readFileSync(path.resolve(root, ', "'..', ", "'shared', 'spec'))"].join('');
    assert.ok(outside.some((re) => re.test(sample)));
    assert.ok(outside.some((re) => re.test(['see', '..', ['sha', 'red'].join(''), 'contracts'].join('/'))));
  });

  it('vendors the contracts with their licences and provenance', () => {
    for (const f of ['line-openapi/messaging-api.yml', 'line-openapi/webhook.yml', 'line-openapi/LICENSE', 'sinch-openapi-2023/conversation.yaml', 'sinch-openapi-2023/LICENSE', 'README.md']) {
      assert.ok(readFileSync(fixturePath('contracts', f), 'utf8').length > 100, f);
    }
    assert.match(readFileSync(fixturePath('contracts', 'line-openapi', 'LICENSE'), 'utf8'), /Apache License/);
    assert.match(readFileSync(fixturePath('contracts', 'README.md'), 'utf8'), /line\/line-openapi/);
  });

  it('holds the spec page JSON examples as fixtures, each valid JSON', () => {
    const examples = specExamples();
    assert.equal(examples.length, 13);
    for (const e of examples) assert.doesNotThrow(() => JSON.parse(e.text), e.name);
  });
});
