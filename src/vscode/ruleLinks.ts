import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ruleDocsPath, ruleSections } from '../core/ruleDocs';

/**
 * Where each diagnostic code is explained: its section of docs/rules.md inside the installed extension, so the link
 * works offline and matches the installed version. VS Code opens a `#L<line>` fragment at that line.
 */
export class RuleLinks {
  readonly #page: vscode.Uri;
  readonly #lines: Map<string, number>;

  constructor(extensionUri: vscode.Uri, log: vscode.LogOutputChannel) {
    this.#page = vscode.Uri.joinPath(extensionUri, ...ruleDocsPath.split('/'));
    let markdown = '';
    try {
      markdown = fs.readFileSync(this.#page.fsPath, 'utf8');
    } catch (error) {
      log.warn(`No rules page at ${this.#page.fsPath}: ${String(error)}`);
    }
    this.#lines = ruleSections(markdown);
  }

  /** The code's section, or the page itself for a code it does not know. */
  targetFor(code: string): vscode.Uri {
    const line = this.#lines.get(code);
    return line === undefined ? this.#page : this.#page.with({ fragment: `L${line + 1}` });
  }
}
