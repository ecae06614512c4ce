import * as vscode from 'vscode';
import { type PreviewDeps, openPreviewCommand } from './previewDeps';

/** "Open LINE Preview" and "Send Payload" above the first line of a payload file, unless `convapiLine.codeLens.enabled` is off. */
export class PreviewCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.#changed.event;
  readonly #isPayload: PreviewDeps['isPayload'];
  readonly #configListener: vscode.Disposable;

  constructor(isPayload: PreviewDeps['isPayload']) {
    this.#isPayload = isPayload;
    this.#configListener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('convapiLine.codeLens.enabled')) this.#changed.fire();
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const enabled = vscode.workspace.getConfiguration('convapiLine').get<boolean>('codeLens.enabled', true);
    if (!enabled || !this.#isPayload(document)) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: 'Open LINE Preview',
        tooltip: 'Show this message as LINE draws it, beside the editor',
        command: openPreviewCommand,
        arguments: [document.uri],
      }),
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: 'Send Payload',
        tooltip: 'Check this payload, then send it with the active Conversation API environment',
        command: 'convapiLine.send',
        arguments: [document.uri],
      }),
    ];
  }

  dispose(): void {
    this.#configListener.dispose();
    this.#changed.dispose();
  }
}
