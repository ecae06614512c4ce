import * as vscode from 'vscode';
import type { Diagnostic, Range, Severity } from '../core/diagnostic';

export const diagnosticSource = 'convapi-line';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toOffsetRange(document: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}

/**
 * The core diagnostic travels along so quick fixes can use its pointer and data without recomputing. The code links
 * to its rule (what, why, how to fix), as ESLint's codes link to their rule pages.
 */
export class PayloadDiagnostic extends vscode.Diagnostic {
  constructor(readonly core: Diagnostic, rule?: vscode.Uri) {
    super(toRange(core.range), core.message, severities[core.severity]);
    this.source = diagnosticSource;
    this.code = rule ? { value: core.code, target: rule } : core.code;
  }
}
