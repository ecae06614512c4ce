import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { payloadFileGlobs, payloadFilePattern } from '../../../src/core/payloadFiles';
import { parseSettings } from '../../../src/core/settings';

const repo = resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

describe('package.json contributions', () => {
  it('contributes the schema for exactly the payload file patterns the engine uses', () => {
    const fileMatches = (manifest.contributes.jsonValidation as { fileMatch: string; url: string }[])
      .filter((v) => v.url === './schemas/send-message.schema.json')
      .map((v) => v.fileMatch)
      .sort();
    assert.deepEqual(fileMatches, payloadFileGlobs.map((g) => g.replace('**/', '')).sort());
    for (const name of fileMatches) assert.ok(payloadFilePattern.test(name.replace('*', 'x')), name);
    for (const v of manifest.contributes.jsonValidation) assert.ok(existsSync(join(repo, v.url)), v.url);
  });

  it('uses one product name, with Sinch in it, for the display name, commands, settings, view container and log', () => {
    const name = manifest.displayName as string;
    assert.match(name, /Sinch/);
    assert.equal(manifest.contributes.configuration.title, name);
    for (const container of manifest.contributes.viewsContainers.activitybar) assert.equal(container.title, name);
    const extension = readFileSync(join(repo, 'src', 'vscode', 'extension.ts'), 'utf8');
    assert.match(extension, new RegExp(`productName = '${name}'`));
    assert.ok(manifest.keywords.includes('sinch'));
    assert.ok(!manifest.categories.includes('Testing'));
    // Snippets is a category only because the package contributes snippets.
    assert.equal(manifest.categories.includes('Snippets'), (manifest.contributes.snippets ?? []).length > 0);
  });

  it('lists the payload-files setting first, and names no unit the label cannot show', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { order?: number; deprecationMessage?: string }>;
    const live = Object.entries(properties).filter(([, p]) => !p.deprecationMessage);
    const ordered = [...live].sort(([, a], [, b]) => (a.order ?? 1e9) - (b.order ?? 1e9)).map(([key]) => key);
    assert.equal(ordered[0], 'convapiLine.payloadFiles');
    for (const [key, p] of live) assert.equal(typeof p.order, 'number', `${key} has an order`);
    // VS Code makes the label from the key: "timeoutMs" would read "Timeout Ms".
    assert.deepEqual(live.map(([key]) => key).filter((key) => /(Ms|Kb|Mb)$/.test(key)), []);
  });

  it('contributes the callback schema for *.callback.json, the simulator\'s sample files', () => {
    const callbacks = (manifest.contributes.jsonValidation as { fileMatch: string; url: string }[]).filter((v) => v.url === './schemas/callback.schema.json');
    assert.deepEqual(callbacks.map((v) => v.fileMatch), ['*.callback.json']);
    assert.equal(payloadFilePattern.test('x.callback.json'), false, 'a callback file is not a payload to check against LINE rules');
  });

  it('puts every command in one category, in title case, and activates on nothing broader than JSON documents', () => {
    for (const c of manifest.contributes.commands as { command: string; title: string; category: string }[]) {
      assert.equal(c.category, manifest.displayName, c.command);
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

  it('ships the README\'s images inside the package, as relative paths that render offline', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 6, images.join(', '));
    for (const image of images) {
      assert.doesNotMatch(image, /^[a-z]+:/i, `${image} is package-relative`);
      assert.ok(existsSync(join(repo, image)), `${image} exists`);
    }
    assert.match(manifest.scripts.package, /--no-rewrite-relative-links/, 'vsce must not turn them into repository URLs');
    const ignore = readFileSync(join(repo, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!docs/*.png') && ignore.includes('!docs/rules.md'));
    // The page opens for users: what it does first, development last.
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    assert.equal(headings.at(-1), 'Development');
    for (const placeholder of ['Send', 'Webhook listener', 'Simulate callbacks']) assert.ok(headings.includes(placeholder), placeholder);
    assert.match(readme, /^### Get started walkthrough$/m);
    assert.ok(existsSync(join(repo, 'CONTRIBUTING.md')));
  });
});
