import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, waitFor } from '../util';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('convapiLine.preview'));
}

describe('LINE preview panel', function () {
  this.timeout(60_000);

  it('opens beside the payload editor and follows the active payload editor', async () => {
    await openFixture('card.line.json');
    await vscode.commands.executeCommand('convapiLine.openPreviewToSide');
    const tab = await waitFor('a LINE preview tab', () => previewTabs()[0]);
    assert.equal(tab.label, 'LINE Preview: card.line.json');
    const editorColumn = vscode.window.activeTextEditor?.viewColumn;
    assert.notEqual(tab.group.viewColumn, editorColumn, 'the preview opens in another column');

    await openFixture('card-title-too-long.line.json');
    await waitFor('the preview to follow the active editor', () => previewTabs()[0]?.label === 'LINE Preview: card-title-too-long.line.json');
    assert.equal(previewTabs().length, 1, 'one preview follows the editor instead of opening another');
  });

  it('opening it again reveals the same panel', async () => {
    await vscode.commands.executeCommand('convapiLine.openPreviewToSide');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(previewTabs().length, 1);
  });

  it('locked, stays on its file while other payloads become active; unlocked, follows again', async () => {
    await openFixture('card.line.json');
    await vscode.commands.executeCommand('convapiLine.openPreviewToSide');
    await waitFor('the preview on card.line.json', () => previewTabs()[0]?.label === 'LINE Preview: card.line.json');
    assert.equal(await vscode.commands.executeCommand('convapiLine.togglePreviewLock'), true);
    await waitFor('the locked title', () => previewTabs()[0]?.label === '[Locked] LINE Preview: card.line.json');
    await openFixture('card-title-too-long.line.json');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(previewTabs()[0]?.label, '[Locked] LINE Preview: card.line.json', 'a locked preview does not follow');
    assert.equal(await vscode.commands.executeCommand('convapiLine.togglePreviewLock'), false);
    await waitFor('the unlocked preview to follow the active editor again', () => previewTabs()[0]?.label === 'LINE Preview: card-title-too-long.line.json');
  });

  it('Ctrl+K V opens the preview, as Markdown\'s does', async () => {
    const manifest = vscode.extensions.getExtension('convapi-line.convapi-line')!.packageJSON as { contributes: { keybindings: { command: string; key: string; when: string }[] } };
    const binding = manifest.contributes.keybindings.find((k) => k.command === 'convapiLine.openPreviewToSide');
    assert.equal(binding?.key, 'ctrl+k v');
    assert.match(binding!.when, /convapiLine\.activeIsPayload/);
  });
});
