import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, waitFor } from '../util';

/** Tabs of the getting-started editor: VS Code labels every walkthrough's tab "Welcome" and exposes no input type. */
const welcomeTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Welcome' && t.input === undefined);

describe('getting-started walkthrough', () => {
  it('opened by itself, once, when the extension first activated in this profile, and stays behind the files opened since', async () => {
    // The test VS Code starts with no editor (workbench.startupEditor "none"), so a Welcome tab is ours; earlier test
    // files have opened payloads since the first activation.
    const editor = await openFixture('card.line.json');
    await waitFor('the extension to activate', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    await waitFor('the walkthrough to have opened', () => welcomeTabs().length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(welcomeTabs().length, 1, 'opened once');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the payload opened stays in front');
  });

  it('opens from its palette command, active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the editors to close', () => welcomeTabs().length === 0);
    await vscode.commands.executeCommand('convapiLine.openWalkthrough');
    await waitFor('the walkthrough to open', () => welcomeTabs().some((t) => t.isActive));
  });
});
