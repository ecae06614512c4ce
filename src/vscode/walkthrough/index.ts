import * as vscode from 'vscode';
import type { Services } from '../services';
import { tickStepsOnContextKeys } from './stepTicks';

/** The walkthrough's id in package.json's contributes.walkthroughs. */
export const walkthroughId = 'gettingStarted';
export const openWalkthroughCommandId = 'convapiLine.openWalkthrough';
/** globalState key: the walkthrough was opened once by itself; Settings Sync carries it to the user's other machines. */
export const walkthroughOpenedKey = 'convapiLine.walkthroughOpened';

/**
 * The "Get Started with LINE" walkthrough: a palette command, and one automatic opening on the first activation
 * after install. VS Code opens it itself after an install from the Extensions view; this covers `code
 * --install-extension` and VSIX installs, which it does not. Steps complete on their completionEvents, and those
 * completed by a context key are also ticked off by tickStepsOnContextKeys.
 */
export function registerWalkthrough(services: Services): vscode.Disposable {
  const { context, log } = services;
  const fullId = `${context.extension.id}#${walkthroughId}`;
  const open = (options: { toSide: boolean; inactive: boolean }) => vscode.commands.executeCommand('workbench.action.openWalkthrough', fullId, options);
  context.globalState.setKeysForSync([walkthroughOpenedKey]);
  void openOnFirstRun(context, open).catch((error: unknown) => log.warn(`Getting-started walkthrough: ${String(error)}`));
  return vscode.Disposable.from(
    tickStepsOnContextKeys(context, walkthroughId, services.contextKeys, log),
    vscode.commands.registerCommand(openWalkthroughCommandId, () => open({ toSide: false, inactive: false })),
  );
}

async function openOnFirstRun(context: vscode.ExtensionContext, open: (options: { toSide: boolean; inactive: boolean }) => Thenable<unknown>): Promise<void> {
  if (context.globalState.get<boolean>(walkthroughOpenedKey)) return;
  // VS Code's own switch for opening walkthroughs on install: a user who turned it off gets none from us either.
  if (!vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)) return;
  await context.globalState.update(walkthroughOpenedKey, true);
  // Activation usually comes from opening a JSON file: beside it, without the focus, so that it neither takes
  // the file's place (a preview tab would be replaced) nor its keyboard. With nothing open, in front, kept.
  if (vscode.window.tabGroups.all.some((group) => group.tabs.length > 0)) {
    const { activeTab, viewColumn } = vscode.window.tabGroups.activeTabGroup;
    await open({ toSide: true, inactive: true });
    // A new side group takes the focus whatever the options say: give it back to the file being opened.
    if (activeTab?.input instanceof vscode.TabInputText) await vscode.window.showTextDocument(activeTab.input.uri, { viewColumn, preview: activeTab.isPreview });
    return;
  }
  await open({ toSide: false, inactive: false });
  const active = vscode.window.tabGroups.activeTabGroup.activeTab;
  if (active?.label === 'Welcome' && active.input === undefined && active.isPreview) await vscode.commands.executeCommand('workbench.action.keepEditor');
}
