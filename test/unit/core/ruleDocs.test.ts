import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ruleDocsPath, ruleSections } from '../../../src/core/ruleDocs';

const repo = resolve(__dirname, '..', '..', '..', '..');
const families = ['ttl', 'card', 'carousel', 'choice', 'text', 'button', 'media', 'message', 'recipient', 'channel-priority', 'channel-property', 'location', 'line', 'explicit', 'schema', 'json', 'file', 'internal'];
const codeLiteral = new RegExp(`['\`]((?:${families.join('|')})(?:\\.[a-z0-9-]+)+)['\`]`, 'g');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every code the engine can report: literals where findings are made, and LINE's schema codes under explicit.line. */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  const places = ['rules', 'line', 'media', 'schema'].map((d) => join(repo, 'src', 'core', d));
  const files = [...places.flatMap(sourceFiles), join(repo, 'src', 'core', 'check.ts'), ...sourceFiles(join(repo, 'src', 'cli'))];
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(codeLiteral)) codes.add(m[1]!);
  }
  // explicitLineRules reports LINE's own schema problems as explicit.line.<what schema.<what> is>.
  for (const code of [...codes]) if (code.startsWith('schema.')) codes.add(code.replace(/^schema\./, 'explicit.line.'));
  codes.delete('explicit.line');
  return codes;
}

describe('docs/rules.md, the page every diagnostic code links to', () => {
  const markdown = readFileSync(join(repo, ruleDocsPath), 'utf8');
  const sections = ruleSections(markdown);
  const source = codesInSource();

  it('finds the codes in the source (the collector itself works)', () => {
    for (const code of ['card.title.too-long', 'media.aspect-ratio', 'schema.required', 'explicit.line.required', 'json.syntax', 'file.unreadable', 'carousel.uneven-title']) {
      assert.ok(source.has(code), code);
    }
  });

  it('has a section for every code the source can report', () => {
    assert.deepEqual([...source].filter((code) => !sections.has(code)).sort(), []);
  });

  it('has a section for every code the README names', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const named = [...readme.matchAll(/`([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)`/g)].map((m) => m[1]!).filter((c) => families.includes(c.split('.')[0]!) && !/\.json$/.test(c));
    assert.ok(named.length > 10, `README codes: ${named.length}`);
    assert.deepEqual([...new Set(named)].filter((code) => !sections.has(code)).sort(), []);
  });

  it('documents no code the source cannot report', () => {
    assert.deepEqual([...sections.keys()].filter((code) => !source.has(code)).sort(), []);
  });

  it('gives each section the rule, its source and how to fix it', () => {
    const lines = markdown.split('\n');
    for (const [code, line] of sections) {
      const body = lines.slice(line + 1, lines.findIndex((l, i) => i > line && l.startsWith('#')) >>> 0 || undefined).join('\n');
      assert.match(body, /\*\*(error|warning|information)\*\* · \S/, `${code}: rule`);
      assert.match(body, /^Source: \S/m, `${code}: source`);
      assert.match(body, /^Fix: \S/m, `${code}: fix`);
    }
  });
});
