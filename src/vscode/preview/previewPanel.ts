import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { JsonDocument } from '../../core/json/jsonDocument';
import { type PreviewModel, type ThemeSetting, type ToPreviewMessage, isFromPreviewMessage } from '../../protocol/preview';
import type { PreviewDeps } from './previewDeps';
import { previewHtml } from './previewHtml';
import { UpdateThrottle } from './updateThrottle';

const updateIntervalMs = 150;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * One preview webview showing one payload document. The page is set once; each change of the document is posted
 * as a new model (throttled), and the webview redraws in place.
 */
export class PreviewPanel implements vscode.Disposable {
  readonly #panel: vscode.WebviewPanel;
  readonly #deps: PreviewDeps;
  readonly #throttle: UpdateThrottle;
  readonly #subscriptions: vscode.Disposable[] = [];
  #document: vscode.TextDocument | undefined;
  #posted: { uri: string; version: number; diagnostics: string } | undefined;
  #disposed = false;
  #recheck = false;
  #locked: boolean;
  readonly #onDidDispose = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.#onDidDispose.event;

  constructor(
    panel: vscode.WebviewPanel,
    document: vscode.TextDocument | undefined,
    private readonly extensionUri: vscode.Uri,
    theme: ThemeSetting,
    remoteMedia: boolean,
    deps: PreviewDeps,
    locked = false,
  ) {
    this.#locked = locked;
    this.#panel = panel;
    this.#deps = deps;
    this.#document = document;
    this.#throttle = new UpdateThrottle(() => this.#postModel(false), updateIntervalMs);
    panel.webview.options = webviewOptions(extensionUri);
    this.setPage(theme, remoteMedia);
    this.#updateTitle();
    this.#subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.#onMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /**
   * Sets the whole page. Done once, and again only when the media permission changes: the CSP that enforces it
   * cannot change without a reload of the page.
   */
  setPage(theme: ThemeSetting, remoteMedia: boolean): void {
    const webview = this.#panel.webview;
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'preview', 'preview.css')).toString(),
      nonce: randomBytes(18).toString('base64'),
      remoteMedia,
      initial: { model: this.#model(), theme, locked: this.#locked },
    });
  }

  get panel(): vscode.WebviewPanel {
    return this.#panel;
  }

  get document(): vscode.TextDocument | undefined {
    return this.#document;
  }

  /** Locked, the preview stays on its document while other editors become active (as the Markdown preview). */
  get locked(): boolean {
    return this.#locked;
  }

  set locked(locked: boolean) {
    if (locked === this.#locked) return;
    this.#locked = locked;
    this.#updateTitle();
    this.#post({ type: 'lock', locked });
  }

  /** Shows another document: posted at once, since nothing of the previous one should linger. */
  show(document: vscode.TextDocument): void {
    if (this.#document === document) return;
    this.#document = document;
    this.#updateTitle();
    this.#postModel(true);
  }

  /**
   * The shown document changed: the first change posts at once, then at most one post per interval. `recheck`
   * posts even an already posted version, for diagnostics that arrive later (debounced checks, media pre-flight).
   */
  refresh(recheck = false): void {
    if (recheck) this.#recheck = true;
    this.#throttle.request();
  }

  postSettings(theme: ThemeSetting): void {
    this.#post({ type: 'settings', theme });
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#throttle.dispose();
    for (const s of this.#subscriptions.splice(0)) s.dispose();
    this.#panel.dispose();
    this.#onDidDispose.fire();
    this.#onDidDispose.dispose();
  }

  #model(): PreviewModel | undefined {
    const document = this.#document;
    if (!document) return undefined;
    try {
      const { diagnostics, value } = this.#deps.check(document);
      return { uri: document.uri.toString(), version: document.version, payload: value, diagnostics };
    } catch (error) {
      this.#deps.log.error(`LINE preview: checking ${document.uri.toString()} failed: ${String(error)}`);
      return undefined;
    }
  }

  /** `force` re-sends an already posted version, for a webview that has just (re)loaded and asks for it. */
  #postModel(force: boolean): void {
    const document = this.#document;
    if (this.#disposed || !document) return;
    const uri = document.uri.toString();
    const samePlace = this.#posted?.uri === uri && this.#posted.version === document.version;
    if (!force && !this.#recheck && samePlace) return;
    this.#recheck = false;
    const model = this.#model();
    if (!model) return;
    const diagnostics = JSON.stringify(model.diagnostics);
    if (!force && samePlace && this.#posted?.diagnostics === diagnostics) return;
    this.#posted = { uri, version: model.version, diagnostics };
    this.#post({ type: 'update', model });
  }

  #post(message: ToPreviewMessage): void {
    // A hidden webview drops messages; when it comes back it reloads and asks again with `ready`.
    void this.#panel.webview.postMessage(message).then(undefined, (error: unknown) => this.#deps.log.warn(`LINE preview: post failed: ${String(error)}`));
  }

  #onMessage(message: unknown): void {
    if (!isFromPreviewMessage(message)) {
      this.#deps.log.warn('LINE preview: ignored an unexpected message from the webview');
      return;
    }
    if (message.type === 'ready') this.#postModel(true);
    else if (message.type === 'lock') {
      this.#locked = message.locked;
      this.#updateTitle();
    } else void this.#reveal(message.pointer);
  }

  async #reveal(pointer: string): Promise<void> {
    const document = this.#document;
    if (!document) return;
    const span = new JsonDocument(document.getText()).spanOf(pointer);
    const selection = new vscode.Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
    const column = visible?.viewColumn ?? (this.#panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    try {
      const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false });
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (error) {
      this.#deps.log.warn(`LINE preview: could not reveal ${pointer}: ${String(error)}`);
    }
  }

  #updateTitle(): void {
    const title = this.#document ? `LINE Preview: ${path.basename(this.#document.uri.path)}` : 'LINE Preview';
    this.#panel.title = this.#locked ? `[Locked] ${title}` : title;
  }
}
