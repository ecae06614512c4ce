import * as vscode from 'vscode';
import { type CheckResult, checkText } from '../core/check';
import type { Diagnostic } from '../core/diagnostic';
import { PayloadDiagnostic } from './convert';
import type { PayloadDocuments } from './payloadDocuments';
import { Disposable } from './util/dispose';

const debounceMs = 300;

/** Findings that arrive later than the static check (media pre-flight), keyed by document. */
export interface AsyncFindings {
  onDidChange: vscode.Event<vscode.Uri>;
  /** Placed on the current text: findings about a value that has since changed are left out. */
  get(uri: vscode.Uri, result: CheckResult): Diagnostic[];
}

/**
 * Keeps the Problems panel in step with payload documents: on open and while typing (debounced), cleared on close.
 * Files that are not open keep what "Check All Payloads in Workspace" found until they are opened.
 */
export class DiagnosticsManager extends Disposable {
  readonly #collection: vscode.DiagnosticCollection;
  readonly #pending = new Map<string, NodeJS.Timeout>();
  readonly #results = new Map<string, { version: number; result: CheckResult }>();
  readonly #onDidCheck = this._register(new vscode.EventEmitter<{ document: vscode.TextDocument; result: CheckResult }>());
  readonly onDidCheck = this.#onDidCheck.event;
  #asyncFindings: AsyncFindings | undefined;

  constructor(private readonly payloads: PayloadDocuments, private readonly log: vscode.LogOutputChannel) {
    super();
    this.#collection = this._register(vscode.languages.createDiagnosticCollection('convapi-line'));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.#checkSoon(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.#checkSoon(e.document, debounceMs)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.#forget(d.uri)));
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
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    this.#collection.set(uri, diagnostics.map((d) => new PayloadDiagnostic(d)));
  }

  #checkSoon(document: vscode.TextDocument, delay: number): void {
    if (!this.payloads.isPayload(document)) return;
    const key = document.uri.toString();
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
    this.#collection.set(document.uri, [...result.diagnostics, ...extra].map((d) => new PayloadDiagnostic(d)));
    this.log.debug(`Checked ${vscode.workspace.asRelativePath(document.uri)} v${document.version}: ${result.diagnostics.length} findings in ${Date.now() - started} ms`);
    if (announce) this.#onDidCheck.fire({ document, result });
  }

  #forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.#pending.get(key));
    this.#pending.delete(key);
    this.#results.delete(key);
    this.#collection.delete(uri);
  }
}
