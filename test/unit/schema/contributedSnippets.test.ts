import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkText } from '../../../src/core/check';
import { exampleText, payloadExamples } from '../../../src/core/examples/payloadExamples';

const repo = resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

interface Snippet { prefix: string; body: string[]; description: string; include: string[] }

/** What VS Code inserts when every tab stop keeps its default: `${1:x}` → `x`, `\}` → `}`, `\$` → `$`. */
function expand(lines: string[]): string {
  let text = lines.join('\n');
  let previous;
  do {
    previous = text;
    text = text.replace(/\$\{\d+:((?:[^{}\\]|\\.|\{\{[^{}]*\\\}\\\})*)\}/g, '$1');
  } while (text !== previous);
  return text.replace(/\\([}$\\])/g, '$1');
}

describe('JSON snippets contributed for payload files (line-card, line-carousel, …)', () => {
  const contribution = manifest.contributes.snippets as { language: string; path: string }[];
  const file = contribution.find((c) => c.language === 'json');
  const snippets = Object.values(JSON.parse(readFileSync(join(repo, file!.path), 'utf8'))) as Snippet[];

  it('are contributed for JSON and shown only in payload files', () => {
    assert.ok(file, JSON.stringify(contribution));
    for (const s of snippets) assert.deepEqual(s.include, ['*.line.json', '*.convapi.json'], s.prefix);
    assert.equal(new Set(snippets.map((s) => s.prefix)).size, snippets.length, 'prefixes are unique');
  });

  for (const example of payloadExamples) {
    it(`line-${example.id} writes exactly what "New LINE Payload…" writes (2-space indentation)`, () => {
      const snippet = snippets.find((s) => s.prefix === `line-${example.id}`);
      assert.ok(snippet, `a line-${example.id} snippet`);
      assert.equal(`${expand(snippet.body)}\n`, exampleText(example));
      assert.ok(snippet.body.some((l) => /\$\{1:/.test(l)) || example.id === 'sticker', 'the first tab stop is on what one changes first');
    });
  }

  const wrap = (message: unknown) => JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message }, null, 2);
  const fragments: Record<string, (value: unknown) => unknown> = {
    'line-button': (b) => ({ choice_message: { text_message: { text: 'Pick' }, choices: [b] } }),
    'line-url-button': (b) => ({ choice_message: { text_message: { text: 'Pick' }, choices: [b] } }),
    'line-carousel-card': (c) => ({ carousel_message: { cards: [c, c] } }),
  };
  for (const [prefix, place] of Object.entries(fragments)) {
    it(`${prefix} is a fragment that checks clean where it belongs`, () => {
      const snippet = snippets.find((s) => s.prefix === prefix)!;
      const value = JSON.parse(expand(snippet.body));
      assert.deepEqual(checkText(wrap(place(value))).diagnostics.map((d) => d.code), []);
      assert.ok(snippet.body.every((l) => /^( {2})*\S/.test(l)), 'indented by 2 spaces');
    });
  }
});
