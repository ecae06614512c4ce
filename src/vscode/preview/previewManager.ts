import * as vscode from 'vscode';
import { isPreviewState } from '../../protocol/preview';
import { type PreviewDeps, previewViewType, themeSettingOf } from './previewDeps';
import { PreviewPanel } from './previewPanel';

/**
 * Owns the LINE preview panel: opens it beside the editor, makes it follow the active payload editor, forwards
 * document changes and settings, and revives it after a window reload.
 */
export class PreviewManager implements vscode.Disposable {
  readonly #extensionUri: vscode.Uri;
  readonly #deps: PreviewDeps;
  readonly #subscriptions: vscode.Disposable[] = [];
  #preview: PreviewPanel | undefined;
  #editorDiagnostics = '';
  /** The payload editor the user was last in: the command still finds it from a non-text editor (the walkthrough). */
  #lastPayload: vscode.TextDocument | undefined;

  constructor(extensionUri: vscode.Uri, deps: PreviewDeps) {
    this.#extensionUri = extensionUri;
    this.#deps = deps;
    const active = vscode.window.activeTextEditor?.document;
    if (active && deps.isPayload(active)) this.#lastPayload = active;
    this.#subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.#deps.isPayload(editor.document)) {
          this.#lastPayload = editor.document;
          if (!this.#preview?.locked) this.#preview?.show(editor.document);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.#preview?.document && event.contentChanges.length > 0) this.#preview.refresh();
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const shown = this.#preview?.document?.uri;
        if (shown && event.uris.some((uri) => uri.toString() === shown.toString())) this.#diagnosticsChanged(shown);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('convapiLine.preview.theme')) this.#preview?.postSettings(this.#theme());
        if (event.affectsConfiguration('convapiLine.media.remoteChecks')) this.#preview?.setPage(this.#theme(), this.#remoteMedia());
      }),
    );
  }

  /** The command: the given resource (editor title button, CodeLens), the active editor's document, or else the payload editor last active. */
  async openToSide(resource?: vscode.Uri): Promise<void> {
    const active = vscode.window.activeTextEditor?.document;
    const last = this.#lastPayload && !this.#lastPayload.isClosed ? this.#lastPayload : undefined;
    const document = resource ? await vscode.workspace.openTextDocument(resource) : (active ?? last);
    if (!document) {
      void vscode.window.showInformationMessage('Open a LINE payload file to preview it.');
      return;
    }
    if (this.#preview) {
      // Asked for this document explicitly: a locked preview moves to it and stays locked there.
      this.#preview.show(document);
      this.#preview.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      previewViewType,
      'LINE Preview',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableFindWidget: true },
    );
    this.#adopt(panel, document);
  }

  /** "Toggle LINE Preview Locking": stay on the shown file, or follow the active editor again. */
  toggleLock(): boolean | undefined {
    if (!this.#preview) {
      void vscode.window.showInformationMessage('No LINE preview is open.');
      return undefined;
    }
    this.#preview.locked = !this.#preview.locked;
    if (!this.#preview.locked) {
      const active = vscode.window.activeTextEditor?.document;
      if (active && this.#deps.isPayload(active)) this.#preview.show(active);
    }
    return this.#preview.locked;
  }

  /** The serializer: `state` is what the webview saved with setState, its document's URI. */
  async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    let document: vscode.TextDocument | undefined;
    if (isPreviewState(state)) {
      try {
        document = await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri));
      } catch (error) {
        this.#deps.log.warn(`LINE preview: cannot reopen ${state.uri}: ${String(error)}`);
      }
    }
    // Without a usable saved state (a reload right after opening can beat the webview's setState), the preview
    // does what it does anyway: follow the active payload editor.
    const active = vscode.window.activeTextEditor?.document;
    if (!document && active && this.#deps.isPayload(active)) document = active;
    if (this.#preview) {
      // Only one preview follows the editor; a second restored panel would duplicate it.
      panel.dispose();
      if (document) this.#preview.show(document);
      return;
    }
    this.#adopt(panel, document, isPreviewState(state) && state.locked === true && document !== undefined);
  }

  dispose(): void {
    this.#preview?.dispose();
    for (const s of this.#subscriptions.splice(0)) s.dispose();
  }

  #adopt(panel: vscode.WebviewPanel, document: vscode.TextDocument | undefined, locked = false): void {
    const preview = new PreviewPanel(panel, document, this.#extensionUri, this.#theme(), this.#remoteMedia(), this.#deps, locked);
    this.#preview = preview;
    preview.onDidDispose(() => {
      if (this.#preview === preview) this.#preview = undefined;
    });
  }

  /**
   * Diagnostics that arrive after the text change (debounced checks, media pre-flight) are re-posted. Only a real
   * change counts: `deps.check` may itself publish the same diagnostics again, which must not loop.
   */
  #diagnosticsChanged(uri: vscode.Uri): void {
    const snapshot = JSON.stringify(
      vscode.languages.getDiagnostics(uri).map((d) => [String(typeof d.code === 'object' ? d.code.value : d.code), d.message, d.severity, d.range.start.line, d.range.start.character]),
    );
    if (snapshot === this.#editorDiagnostics) return;
    this.#editorDiagnostics = snapshot;
    this.#preview?.refresh(true);
  }

  /** The user's "no remote media" choice covers the preview's images too, not only media pre-flight. */
  #remoteMedia(): boolean {
    return vscode.workspace.getConfiguration('convapiLine').get<boolean>('media.remoteChecks', true);
  }

  #theme() {
    return themeSettingOf(vscode.workspace.getConfiguration('convapiLine'));
  }
}
