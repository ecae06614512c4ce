import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, waitFor } from '../util';

/** Tabs of the getting-started editor: VS Code labels every walkthrough's tab "Welcome" and exposes no input type. */
const isWelcome = (tab: vscode.Tab) => tab.label === 'Welcome' && tab.input === undefined;
const welcomeTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isWelcome);

// A root hook (outside any describe): it runs before the first test of the whole run, so it sees the walkthrough
// open whenever the first activation happens (at start-up, or when an earlier test file opens a payload) and
// whatever those tests close afterwards. The test VS Code starts with no editor (workbench.startupEditor "none").
let walkthroughOpenings = 0;
let watcher: vscode.Disposable | undefined;
before(() => {
  walkthroughOpenings = welcomeTabs().length;
  watcher = vscode.window.tabGroups.onDidChangeTabs((event) => {
    walkthroughOpenings += event.opened.filter(isWelcome).length;
  });
});
after(() => watcher?.dispose());

describe('getting-started walkthrough', () => {
  it('opened by itself exactly once since the extension first activated in this profile', async () => {
    await openFixture('card.line.json');
    await waitFor('the extension to activate', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    await waitFor('the walkthrough to have opened', () => walkthroughOpenings > 0);
    assert.equal(walkthroughOpenings, 1);
  });

  it('opens from its palette command, active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the editors to close', () => welcomeTabs().length === 0);
    await vscode.commands.executeCommand('convapiLine.openWalkthrough');
    await waitFor('the walkthrough to open', () => welcomeTabs().some((t) => t.isActive));
  });
});
