import * as vscode from 'vscode';

/**
 * Every secret the extension keeps, in VS Code's SecretStorage only (never settings, logs, webviews or history).
 * Keys are built here so the send, listener and simulator features agree on them.
 */
export class Secrets implements vscode.Disposable {
  readonly #storage: vscode.SecretStorage;
  readonly #onDidChange = new vscode.EventEmitter<string>();
  readonly onDidChange = this.#onDidChange.event;
  readonly #listener: vscode.Disposable;

  constructor(storage: vscode.SecretStorage) {
    this.#storage = storage;
    // Secrets are shared across windows: another window may set or delete one.
    this.#listener = storage.onDidChange((e) => this.#onDidChange.fire(e.key));
  }

  /** The access key secret of an environment (its access key id is in settings). */
  static keySecret(environment: string): string {
    return `convapiLine.keySecret/${environment}`;
  }

  /** The secret a webhook was created with, for the listener to verify signatures and the simulator to sign. */
  static webhookSecret(appId: string): string {
    return `convapiLine.webhookSecret/${appId}`;
  }

  get(key: string): Thenable<string | undefined> {
    return this.#storage.get(key);
  }

  store(key: string, value: string): Thenable<void> {
    return this.#storage.store(key, value);
  }

  delete(key: string): Thenable<void> {
    return this.#storage.delete(key);
  }

  dispose(): void {
    this.#listener.dispose();
    this.#onDidChange.dispose();
  }
}
