import * as vscode from 'vscode';
import { type CheckResult, checkText } from '../core/check';
import type { Diagnostic } from '../core/diagnostic';
import { stripBom } from '../core/payloadFiles';
import { PayloadDiagnostic } from './convert';
import type { PayloadDocuments } from './payloadDocuments';
import type { RuleLinks } from './ruleLinks';
import { Disposable } from './util/dispose';

const debounceMs = 300;

/** Findings that arrive later than the static check (media pre-flight), keyed by document. */
export interface AsyncFindings {
  onDidChange: vscode.Event<vscode.Uri>;
  /** Placed on the current text: findings about a value that has since changed are left out. */
  get(uri: vscode.Uri, result: CheckResult): Diagnostic[];
}

/**
 * Keeps the Problems panel in step with payload files, as ESLint does: open documents are checked on open and while
 * typing (debounced); a closed document falls back to what its file on disk holds. Files that are not open keep what
 * the workspace check (or the file watcher, or closing them) found on disk, until they change, move or go away.
 */
export class DiagnosticsManager extends Disposable {
  readonly #collection: vscode.DiagnosticCollection;
  readonly #pending = new Map<string, NodeJS.Timeout>();
  readonly #results = new Map<string, { version: number; result: CheckResult }>();
  readonly #onDidCheck = this._register(new vscode.EventEmitter<{ document: vscode.TextDocument; result: CheckResult }>());
  readonly onDidCheck = this.#onDidCheck.event;
  #asyncFindings: AsyncFindings | undefined;
  /** Files not open whose findings come from their text on disk. */
  readonly #onDisk = new Set<string>();
  /** After a workspace check, new and changed payload files on disk are checked too, not only known ones. */
  #workspaceChecked = false;

  constructor(private readonly payloads: PayloadDocuments, private readonly log: vscode.LogOutputChannel, private readonly rules?: RuleLinks) {
    super();
    this.#collection = this._register(vscode.languages.createDiagnosticCollection('convapi-line'));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.#checkSoon(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.#checkSoon(e.document, debounceMs)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => void this.#fallBackToDisk(d)));
    this._register({ dispose: () => this.#pending.forEach((t) => clearTimeout(t)) });
  }

  set asyncFindings(source: AsyncFindings) {
    this.#asyncFindings = source;
    this._register(source.onDidChange((uri) => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (document) this.#publish(document, false);
    }));
  }

  /** After a settings change: which documents are payloads, and what the JSON service reports, may have changed. */
  checkOpenDocuments(): void {
    this.#results.clear();
    for (const d of vscode.workspace.textDocuments) {
      if (this.payloads.isPayload(d)) this.#checkSoon(d, 0);
      else this.#forget(d.uri);
    }
  }

  /** The latest check of an open payload document, computed now if it is stale. */
  resultFor(document: vscode.TextDocument): CheckResult | undefined {
    if (!this.payloads.isPayload(document)) return undefined;
    const key = document.uri.toString();
    const cached = this.#results.get(key);
    if (cached && cached.version === document.version) return cached.result;
    const result = checkText(document.getText(), { omitSyntax: true, omitSchema: this.payloads.isSchemaValidatedByJsonService(document) });
    this.#results.set(key, { version: document.version, result });
    return result;
  }

  /** For files found by the workspace check that are not open: the full report, schema and syntax included. */
  setForClosedFile(uri: vscode.Uri, diagnostics: Diagnostic[]): void {
    if (isOpen(uri)) return;
    this.#onDisk.add(uri.toString());
    this.#collection.set(uri, diagnostics.map((d) => this.#toVscode(d)));
  }

  /** The workspace check has run: from now on the file watcher checks new payload files as they appear. */
  markWorkspaceChecked(): void {
    this.#workspaceChecked = true;
  }

  /** Whether a file on disk (created or changed) should be checked: it is known, or the workspace is watched. */
  tracksFile(uri: vscode.Uri): boolean {
    return this.#workspaceChecked || this.#onDisk.has(uri.toString());
  }

  /** Closed files whose findings came from disk, for the workspace check to drop those it no longer finds. */
  get closedFiles(): vscode.Uri[] {
    return [...this.#onDisk].map((key) => vscode.Uri.parse(key));
  }

  /** A file went away (deleted, renamed, a branch switched): its findings, and those of anything under it, go. */
  dropFile(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const known of [...this.#onDisk]) {
      if (known === key || known.startsWith(`${key}/`)) {
        this.#onDisk.delete(known);
        this.#collection.delete(vscode.Uri.parse(known));
      }
    }
  }

  /**
   * Checks a file that is not open from its text on disk (static rules, schema and syntax). A file that cannot be
   * read any more loses its findings. Returns them, or undefined when the file is open or gone.
   */
  async checkFileOnDisk(uri: vscode.Uri): Promise<Diagnostic[] | undefined> {
    if (isOpen(uri)) return undefined;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.dropFile(uri);
      return undefined;
    }
    // Opened while it was being read: the open document is the truth now.
    if (isOpen(uri)) return undefined;
    const found = checkText(stripBom(text)).diagnostics;
    this.setForClosedFile(uri, found);
    return found;
  }

  #checkSoon(document: vscode.TextDocument, delay: number): void {
    if (!this.payloads.isPayload(document)) return;
    const key = document.uri.toString();
    this.#onDisk.delete(key);
    clearTimeout(this.#pending.get(key));
    this.#pending.set(key, setTimeout(() => {
      this.#pending.delete(key);
      if (!document.isClosed) this.#publish(document, true);
    }, delay));
  }

  /** `announce`: tell listeners (media pre-flight, preview) about a new check; not for re-publishing late findings. */
  #publish(document: vscode.TextDocument, announce: boolean): void {
    const started = Date.now();
    const result = this.resultFor(document);
    if (!result) return;
    const extra = this.#asyncFindings?.get(document.uri, result) ?? [];
    this.#collection.set(document.uri, [...result.diagnostics, ...extra].map((d) => this.#toVscode(d)));
    this.log.debug(`Checked ${vscode.workspace.asRelativePath(document.uri)} v${document.version}: ${result.diagnostics.length} findings in ${Date.now() - started} ms`);
    if (announce) this.#onDidCheck.fire({ document, result });
  }

  /** Closing an editor does not change the file: its problems stay, as its saved text has them. */
  async #fallBackToDisk(document: vscode.TextDocument): Promise<void> {
    this.#forget(document.uri);
    if (document.uri.scheme !== 'file' || !this.payloads.isPayload(document)) return;
    try {
      await this.checkFileOnDisk(document.uri);
    } catch (error) {
      this.log.warn(`Cannot check ${document.uri.fsPath} after closing it: ${String(error)}`);
    }
  }

  #toVscode(d: Diagnostic): PayloadDiagnostic {
    return new PayloadDiagnostic(d, this.rules?.targetFor(d.code));
  }

  #forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.#pending.get(key));
    this.#pending.delete(key);
    this.#results.delete(key);
    this.#collection.delete(uri);
  }
}

function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && !d.isClosed);
}
