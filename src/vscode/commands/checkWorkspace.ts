import * as vscode from 'vscode';
import { type CheckResult, checkText } from '../../core/check';
import type { Diagnostic } from '../../core/diagnostic';
import { decodePayloadBytes, defaultMaxFileSizeMB, stripBom } from '../../core/payloadFiles';
import type { DiagnosticsManager } from '../diagnostics';
import type { PayloadDocuments } from '../payloadDocuments';

export const checkWorkspaceCommandId = 'convapiLine.checkWorkspace';

export interface WorkspaceCheckSummary {
  files: number;
  /** Files with at least one error. */
  filesWithErrors: number;
  filesWithWarnings: number;
  errors: number;
  warnings: number;
  /** Files whose earlier findings were dropped because the check no longer finds them. */
  dropped: number;
  cancelled: boolean;
}

/** Remote media checks of one file, when they are turned on. */
export type MediaCheck = (result: CheckResult, signal: AbortSignal) => Promise<Diagnostic[]>;

/**
 * "Check All Payloads in Workspace": fills the Problems panel for payload files that are not open (open ones are
 * checked as they change), then says what it found. Returns the summary, for callers and tests.
 */
export async function checkWorkspace(
  payloads: PayloadDocuments,
  diagnostics: DiagnosticsManager,
  log: vscode.LogOutputChannel,
  media: MediaCheck,
  maxBytes = defaultMaxFileSizeMB * 1024 * 1024,
): Promise<WorkspaceCheckSummary> {
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking LINE payloads', cancellable: true },
    (progress, token) => checkFiles(payloads, diagnostics, log, media, progress, token, maxBytes),
  );
  log.info(`Workspace check: ${describe(summary)}${summary.dropped ? ` Dropped the findings of ${summary.dropped} files no longer found.` : ''}`);
  // A warning when there are errors, as the news deserves; not awaited, so the result does not wait for a click.
  const show = summary.errors > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const actions = summary.errors + summary.warnings > 0 ? ['Show Problems'] : [];
  void show(describe(summary), ...actions).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}

async function checkFiles(
  payloads: PayloadDocuments,
  diagnostics: DiagnosticsManager,
  log: vscode.LogOutputChannel,
  media: MediaCheck,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
  maxBytes: number,
): Promise<WorkspaceCheckSummary> {
  const uris = await findPayloadFiles(payloads, token);
  const abort = new AbortController();
  token.onCancellationRequested(() => abort.abort());
  const summary: WorkspaceCheckSummary = { files: 0, filesWithErrors: 0, filesWithWarnings: 0, errors: 0, warnings: 0, dropped: 0, cancelled: false };
  const where = (uri: vscode.Uri, n: number) => `${n}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`;
  for (const [index, uri] of uris.entries()) {
    if (token.isCancellationRequested) break;
    progress.report({ message: where(uri, index + 1), increment: 100 / uris.length });
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    let unreadable: string | undefined;
    try {
      if (open) text = open.getText();
      else {
        // A payload file is untrusted: only a regular file within the size limit is read (a FIFO would never end).
        const stat = await vscode.workspace.fs.stat(uri);
        if ((stat.type & vscode.FileType.File) === 0) unreadable = 'it is not a regular file';
        else if (stat.size > maxBytes) unreadable = `it is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit (convapiLine.maxFileSizeMB)`;
        const decoded = unreadable ? undefined : decodePayloadBytes(await vscode.workspace.fs.readFile(uri));
        if (decoded && decoded.text === undefined) unreadable = decoded.problem!.message;
        text = decoded?.text ?? '';
      }
    } catch (error) {
      // Gone between the search and the read (a branch switch under way): nothing of it may stay in Problems.
      log.warn(`Cannot read ${uri.fsPath}: ${(error as Error).message}`);
      diagnostics.dropFile(uri);
      continue;
    }
    if (unreadable !== undefined) {
      const zero = new vscode.Position(0, 0);
      diagnostics.setForClosedFile(uri, [{ severity: 'error', code: 'file.unreadable', message: `Not checked: ${unreadable}.`, pointer: '', range: { start: zero, end: zero }, offset: 0, length: 0 }]);
      summary.files++;
      summary.errors++;
      continue;
    }
    // The full check, schema included, so the summary counts what the Problems panel shows from every source.
    const result = checkText(stripBom(text));
    let found = result.diagnostics;
    if (!open) {
      if (result.document.syntaxProblems.length === 0 && result.anatomy.media.length > 0) {
        progress.report({ message: `${where(uri, index + 1)}: media` });
        found = [...found, ...(await media(result, abort.signal))];
      }
      diagnostics.setForClosedFile(uri, found);
    }
    summary.files++;
    const errors = found.filter((d) => d.severity === 'error').length;
    const warnings = found.filter((d) => d.severity === 'warning').length;
    summary.errors += errors;
    summary.warnings += warnings;
    if (errors) summary.filesWithErrors++;
    if (warnings) summary.filesWithWarnings++;
  }
  summary.cancelled = token.isCancellationRequested;
  if (!summary.cancelled) {
    // What an earlier check (or the watcher) found in files that are no longer there, or no longer payloads, goes.
    const found = new Set(uris.map((u) => u.toString()));
    for (const stale of diagnostics.closedFiles.filter((u) => !found.has(u.toString()))) {
      diagnostics.dropFile(stale);
      summary.dropped++;
    }
    diagnostics.markWorkspaceChecked();
  }
  return summary;
}

/** "Errors in 3 of 7 payload files: 12 errors, 2 warnings." */
export function describe(summary: WorkspaceCheckSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const prefix = summary.cancelled ? `Check cancelled after ${plural(summary.files, 'file')}. ` : '';
  if (summary.files === 0) return `${prefix}No payload files (*.line.json, *.convapi.json or the convapiLine.payloadFiles globs) in this workspace.`;
  if (summary.errors > 0) {
    const warnings = summary.warnings ? `, ${plural(summary.warnings, 'warning')}` : '';
    return `${prefix}Errors in ${summary.filesWithErrors} of ${plural(summary.files, 'payload file')}: ${plural(summary.errors, 'error')}${warnings}.`;
  }
  if (summary.warnings > 0) {
    return `${prefix}No errors in ${plural(summary.files, 'payload file')}; ${plural(summary.warnings, 'warning')} in ${plural(summary.filesWithWarnings, 'file')}.`;
  }
  return `${prefix}No problems in ${plural(summary.files, 'payload file')}.`;
}

async function findPayloadFiles(payloads: PayloadDocuments, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const seen = new Map<string, vscode.Uri>();
  for (const glob of payloads.searchGlobs) {
    for (const uri of await vscode.workspace.findFiles(glob, '**/node_modules/**', undefined, token)) seen.set(uri.toString(), uri);
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
}
