import * as vscode from 'vscode';

const scheme = 'convapi-line-response';

/**
 * Handlers' answers as read-only documents: untrusted text shown as text, and nothing to save when it is closed.
 * Keeps the last few only.
 */
export class ResponseDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  readonly #bodies = new Map<string, string>();
  readonly #registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  #sequence = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.#bodies.get(uri.path) ?? '(this response is no longer kept)';
  }

  async show(title: string, body: string): Promise<void> {
    const path = `/${++this.#sequence}/${title.replace(/[^\w.-]+/g, '-')}.txt`;
    this.#bodies.set(path, body === '' ? '(empty body)' : body);
    while (this.#bodies.size > 20) this.#bodies.delete(this.#bodies.keys().next().value!);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme, path }));
    await vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.#registration.dispose();
    this.#bodies.clear();
  }
}
