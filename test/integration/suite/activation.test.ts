import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixtureUri, openFixture, waitFor, waitForDiagnostic } from '../util';

describe('activation', () => {
  // "Not active before a payload is opened" cannot be asserted reliably here: in about a third of the runs the test
  // workbench (code-server) fires onLanguage:json at start-up by itself, before any test opened a file (its
  // extension-host log shows it, with vscode.npm activated by the same event). What can be checked is that nothing
  // broader than JSON documents, our commands and our preview activates the extension.
  it('is installed and activates only for JSON documents, its commands and its preview', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded in the test VS Code`);
    const events = (extension.packageJSON as { activationEvents: string[] }).activationEvents;
    assert.deepEqual(events, ['onLanguage:json', 'onWebviewPanel:convapiLine.preview']);
    assert.ok(!events.some((e) => e === '*' || e === 'onStartupFinished' || e.startsWith('workspaceContains')));
  });

  it('activates when a payload file is opened', async () => {
    await openFixture('card.line.json');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await waitFor('the extension to activate', () => extension?.isActive);
    // How long activate() took in this VS Code, for `npm run bench` (which reports it beside its own figures).
    const activationMs = (extension!.exports as { activationMs?: unknown } | undefined)?.activationMs;
    assert.ok(typeof activationMs === 'number' && activationMs > 0, `activate() returns its duration, not ${String(activationMs)}`);
    // test-results/ (git-ignored) outlives the run's scratch directories; out/test/integration/suite is 4 levels down.
    writeFileSync(join(__dirname, '..', '..', '..', '..', 'test-results', 'activation.json'), JSON.stringify({ activateMs: activationMs, date: new Date().toISOString().slice(0, 10), vscode: vscode.version }));
  });

  it('starts without the parts only some files need, and loads each on first use', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const dist = join(extension.extensionPath, 'dist');
    // Node's module cache is shared by the extension host: what the extension has required from dist/ is in it.
    // Only the validators: media pre-flight (and undici with it) loads by itself wherever remote checks are on.
    const loaded = () =>
      Object.keys(require.cache)
        .filter((file) => file.startsWith(join(dist, 'validators') + sep))
        .map((file) => relative(dist, file).split(sep).join('/'))
        .sort();
    assert.deepEqual(loaded(), [], 'a plain payload needs neither LINE\'s validator nor the callbacks\'');
    const line = { messages: [{ type: 'text', text: 'Hi', emojis: 'not a list' }] };
    const payload = { app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message: { explicit_channel_message: { LINE: JSON.stringify(line) } } };
    const uri = vscode.Uri.joinPath(fixtureUri('generated'), 'lazy-explicit.line.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(payload, null, 2) + '\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const finding = await waitForDiagnostic(uri, 'explicit.line.type');
    assert.match(finding.message, /\/messages\/0\/emojis/);
    assert.deepEqual(loaded(), ['validators/lineExplicit.js'], 'the LINE validator, loaded for the payload that needs it');
    await vscode.workspace.fs.delete(uri);
  });

  it('reports card.title.too-long for a 41-character card title', async () => {
    const uri = fixtureUri('card-title-too-long.line.json');
    await openFixture('card-title-too-long.line.json');
    const diagnostic = await waitForDiagnostic(uri, 'card.title.too-long');
    assert.equal(diagnostic.source, 'convapi-line');
  });

  it('reports no error for the valid card, and does check it: an error comes and goes with an edit', async () => {
    const uri = fixtureUri('card.line.json');
    const editor = await openFixture('card.line.json');
    const errors = () =>
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'convapi-line' && d.severity === vscode.DiagnosticSeverity.Error);
    const title = editor.document.getText().indexOf('"Hello"') + 1;
    const range = new vscode.Range(editor.document.positionAt(title), editor.document.positionAt(title + 5));
    await editor.edit((e) => e.replace(range, 'H'.repeat(41)));
    await waitForDiagnostic(uri, 'card.title.too-long');
    await vscode.commands.executeCommand('undo');
    await waitFor('the error to go once the title is valid again', () => errors().length === 0 && editor.document.getText().includes('"Hello"'));
    assert.deepEqual(errors().map((d) => d.message), []);
  });
});
