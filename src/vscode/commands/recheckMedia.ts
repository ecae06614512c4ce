import * as vscode from 'vscode';
import type { Settings } from '../../core/settings';
import type { DiagnosticsManager } from '../diagnostics';
import type { MediaPreflight } from '../mediaPreflight';

export const recheckMediaCommandId = 'convapiLine.recheckMedia';

/** "Re-check Media Now": fetch the active payload's media again, even what the cache still holds as fresh. */
export async function recheckMedia(diagnostics: DiagnosticsManager, media: MediaPreflight, settings: Settings): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const result = document && diagnostics.resultFor(document);
  if (!document || !result) {
    void vscode.window.showWarningMessage('Open a LINE payload file (*.line.json) to re-check its media.');
    return;
  }
  if (!settings.media.remoteChecks) {
    const choice = await vscode.window.showWarningMessage('Remote media checks are turned off.', 'Open Settings');
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'convapiLine.media.remoteChecks');
    return;
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking media' }, () => media.recheck(document, result));
}
