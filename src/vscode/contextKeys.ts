import * as vscode from 'vscode';
import type { ContextKey } from './contextKeyNames';

export { type ContextKey, contextKeys } from './contextKeyNames';

/**
 * Sets the keys in VS Code, and tells when one becomes true: the walkthrough ticks its steps off from that as well
 * (see tickStepsOnContextKeys for why VS Code's own completionEvents are not enough).
 */
export class ContextKeys implements vscode.Disposable {
  readonly #true = new Set<ContextKey>();
  readonly #becameTrue = new vscode.EventEmitter<ContextKey>();
  readonly onDidBecomeTrue = this.#becameTrue.event;

  set(key: ContextKey, value: boolean): void {
    void vscode.commands.executeCommand('setContext', key, value);
    if (!value) this.#true.delete(key);
    else if (!this.#true.has(key)) {
      this.#true.add(key);
      this.#becameTrue.fire(key);
    }
  }

  /** The keys that are true now, including those set before a listener came. */
  get trueKeys(): ReadonlySet<ContextKey> {
    return this.#true;
  }

  dispose(): void {
    this.#becameTrue.dispose();
  }
}
