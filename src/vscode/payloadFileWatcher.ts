import * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnostics';
import type { PayloadDocuments } from './payloadDocuments';
import { Disposable } from './util/dispose';

/** A `git checkout` touches hundreds of files within a moment: they are taken together, once it has settled. */
const settleMs = 300;

/**
 * Watches the payload globs on disk, as ESLint does: a created or changed file that is not open is checked again,
 * a deleted one (a rename is a delete and a create) loses its findings, so the Problems panel never shows a file
 * that is gone or a state the file has left.
 */
export class PayloadFileWatcher extends Disposable {
  #watchers: vscode.Disposable[] = [];
  readonly #changed = new Map<string, vscode.Uri>();
  readonly #createdFolders = new Map<string, vscode.Uri>();
  #timer: NodeJS.Timeout | undefined;
  #draining: Promise<void> = Promise.resolve();

  constructor(private readonly payloads: PayloadDocuments, private readonly diagnostics: DiagnosticsManager, private readonly log: vscode.LogOutputChannel) {
    super();
    this.update();
    this._register({
      dispose: () => {
        clearTimeout(this.#timer);
        for (const w of this.#watchers.splice(0)) w.dispose();
      },
    });
  }

  /** The payload globs changed (the `payloadFiles` setting): watch the new ones. */
  update(): void {
    for (const w of this.#watchers.splice(0)) w.dispose();
    for (const pattern of this.payloads.watchPatterns) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      this.#watchers.push(
        watcher,
        watcher.onDidCreate((uri) => this.#queue(uri)),
        watcher.onDidChange((uri) => this.#queue(uri)),
        watcher.onDidDelete((uri) => this.#deleted(uri)),
      );
    }
    // VS Code reports a folder created or removed at once (`rm -r`, a branch switch, an unzip) as the folder alone,
    // which no payload glob matches: folders are watched too; a new one is searched, a removed one takes along the
    // findings of the files under it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.#watchers.push(folders, folders.onDidCreate((uri) => this.#maybeFolder(uri)), folders.onDidDelete((uri) => this.#deleted(uri)));
  }

  /** Resolves once every change seen so far has been checked (for tests and the workspace check). */
  settled(): Promise<void> {
    return this.#draining;
  }

  #queue(uri: vscode.Uri): void {
    if (isIgnored(uri) || !this.diagnostics.tracksFile(uri)) return;
    this.#changed.set(uri.toString(), uri);
    this.#scheduleDrain();
  }

  #scheduleDrain(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#draining = this.#draining.then(() => this.#drain());
    }, settleMs);
  }

  #maybeFolder(uri: vscode.Uri): void {
    if (isIgnored(uri) || !this.diagnostics.tracksFile(uri)) return;
    this.#createdFolders.set(uri.toString(), uri);
    this.#scheduleDrain();
  }

  #deleted(uri: vscode.Uri): void {
    this.#changed.delete(uri.toString());
    this.diagnostics.dropFile(uri);
  }

  async #drain(): Promise<void> {
    const folders = [...this.#createdFolders.values()];
    this.#createdFolders.clear();
    for (const uri of await this.#payloadFilesUnder(folders)) this.#changed.set(uri.toString(), uri);
    const uris = [...this.#changed.values()];
    this.#changed.clear();
    for (const uri of uris) {
      if (this.isDisposed) return;
      try {
        await this.diagnostics.checkFileOnDisk(uri);
      } catch (error) {
        this.log.warn(`Cannot check ${uri.fsPath} after it changed on disk: ${String(error)}`);
      }
    }
    if (uris.length > 0) this.log.debug(`Re-checked ${uris.length} payload file(s) changed on disk`);
  }

  async #payloadFilesUnder(created: vscode.Uri[]): Promise<vscode.Uri[]> {
    const folders: string[] = [];
    for (const uri of created) {
      try {
        if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) folders.push(`${uri.toString()}/`);
      } catch {
        // Gone again already.
      }
    }
    if (folders.length === 0) return [];
    const found: vscode.Uri[] = [];
    for (const glob of this.payloads.searchGlobs) {
      for (const uri of await vscode.workspace.findFiles(glob, '**/node_modules/**')) {
        if (folders.some((f) => uri.toString().startsWith(f))) found.push(uri);
      }
    }
    return found;
  }
}

function isIgnored(uri: vscode.Uri): boolean {
  return uri.path.includes('/node_modules/');
}
