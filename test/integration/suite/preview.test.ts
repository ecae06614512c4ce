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
});
