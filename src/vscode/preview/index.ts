import * as vscode from 'vscode';
import { PreviewCodeLens } from './previewCodeLens';
import { type PreviewDeps, openPreviewCommand, previewViewType, togglePreviewLockCommand } from './previewDeps';
import { PreviewManager } from './previewManager';
import { jsonDocuments } from '../payloadDocuments';

export type { PreviewDeps } from './previewDeps';

/**
 * The LINE preview: the "Open LINE Preview to the Side" command, its CodeLens, and the serializer that restores
 * the panel after a window reload (with the `onWebviewPanel:convapiLine.preview` activation event).
 */
export function registerPreview(context: vscode.ExtensionContext, deps: PreviewDeps): vscode.Disposable {
  const manager = new PreviewManager(context.extensionUri, deps);
  const codeLens = new PreviewCodeLens(deps.isPayload);
  return vscode.Disposable.from(
    manager,
    codeLens,
    vscode.commands.registerCommand(openPreviewCommand, (resource?: unknown) =>
      manager.openToSide(resource instanceof vscode.Uri ? resource : undefined),
    ),
    vscode.commands.registerCommand(togglePreviewLockCommand, () => manager.toggleLock()),
    vscode.window.registerWebviewPanelSerializer(previewViewType, {
      deserializeWebviewPanel: (panel, state: unknown) => manager.revive(panel, state),
    }),
    vscode.languages.registerCodeLensProvider(jsonDocuments, codeLens),
  );
}
