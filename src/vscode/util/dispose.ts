import * as vscode from 'vscode';

/** One place that owns disposal: subclasses `_register` what they create and dispose it all at once. */
export abstract class Disposable implements vscode.Disposable {
  #disposables: vscode.Disposable[] = [];
  #isDisposed = false;

  dispose(): void {
    if (this.#isDisposed) return;
    this.#isDisposed = true;
    for (const d of this.#disposables.splice(0)) d.dispose();
  }

  protected get isDisposed(): boolean {
    return this.#isDisposed;
  }

  protected _register<T extends vscode.Disposable>(disposable: T): T {
    if (this.#isDisposed) disposable.dispose();
    else this.#disposables.push(disposable);
    return disposable;
  }
}
