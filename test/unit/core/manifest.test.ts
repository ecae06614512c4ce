import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { payloadFileGlobs, payloadFilePattern } from '../../../src/core/payloadFiles';
import { parseSettings } from '../../../src/core/settings';

const repo = resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

describe('package.json contributions', () => {
  it('contributes the schema for exactly the payload file patterns the engine uses', () => {
    const fileMatches = (manifest.contributes.jsonValidation as { fileMatch: string; url: string }[]).map((v) => v.fileMatch).sort();
    assert.deepEqual(fileMatches, payloadFileGlobs.map((g) => g.replace('**/', '')).sort());
    for (const name of fileMatches) assert.ok(payloadFilePattern.test(name.replace('*', 'x')), name);
    for (const v of manifest.contributes.jsonValidation) assert.ok(existsSync(join(repo, v.url)), v.url);
  });

  it('puts every command in one category, in title case, and activates on nothing broader than JSON documents', () => {
    for (const c of manifest.contributes.commands as { command: string; title: string; category: string }[]) {
      assert.equal(c.category, 'Conversation API LINE', c.command);
      assert.match(c.command, /^convapiLine\./);
      for (const word of c.title.replace('…', '').split(' ')) {
        if (!['to', 'the', 'in', 'of', 'a', 'on', 'as', 'cURL'].includes(word)) assert.match(word, /^[A-Z]/, `${c.title}: "${word}" in title case`);
      }
    }
    assert.deepEqual(manifest.activationEvents, ['onLanguage:json', 'onWebviewPanel:convapiLine.preview']);
  });

  it('declares every convapiLine setting the code reads', () => {
    const declared = new Set(Object.keys(manifest.contributes.configuration.properties));
    const read = new Set<string>();
    parseSettings((key) => void read.add(`convapiLine.${key}`));
    // The preview reads its own settings from a configuration section it gets with getConfiguration('convapiLine').
    for (const file of ['previewManager.ts', 'previewCodeLens.ts', 'previewDeps.ts']) {
      const text = readFileSync(join(repo, 'src', 'vscode', 'preview', file), 'utf8');
      for (const m of text.matchAll(/\.get<[^>]+>\('([\w.]+)'/g)) read.add(`convapiLine.${m[1]}`);
    }
    assert.ok(read.size >= 6, [...read].join(', '));
    assert.deepEqual([...read].filter((key) => !declared.has(key)), []);
    assert.deepEqual([...declared].filter((key) => !read.has(key)), [], 'no declared setting goes unread');
  });
});
