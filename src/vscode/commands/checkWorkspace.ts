import * as vscode from 'vscode';
import { type CheckResult, checkText } from '../../core/check';
import type { Diagnostic } from '../../core/diagnostic';
import type { DiagnosticsManager } from '../diagnostics';
import type { PayloadDocuments } from '../payloadDocuments';

export const checkWorkspaceCommandId = 'convapiLine.checkWorkspace';

export interface WorkspaceCheckSummary {
  files: number;
  errors: number;
  warnings: number;
}

/** Fills the Problems panel for payload files that are not open (open ones are checked as they change). */
/** Remote media checks of one file, when they are turned on. */
export type MediaCheck = (result: CheckResult, signal: AbortSignal) => Promise<Diagnostic[]>;

export async function checkWorkspace(
  payloads: PayloadDocuments,
  diagnostics: DiagnosticsManager,
  log: vscode.LogOutputChannel,
  media?: MediaCheck,
): Promise<WorkspaceCheckSummary> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking LINE payloads', cancellable: true },
    async (progress, token) => {
      const uris = await findPayloadFiles(payloads, token);
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const summary: WorkspaceCheckSummary = { files: 0, errors: 0, warnings: 0 };
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        let found;
        if (open) {
          found = diagnostics.resultFor(open)?.diagnostics ?? [];
        } else {
          let text: string;
          try {
            text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
          } catch (error) {
            log.warn(`Cannot read ${uri.fsPath}: ${(error as Error).message}`);
            continue;
          }
          const result = checkText(text.replace(/^\uFEFF/, ''));
          found = result.diagnostics;
          if (media && result.document.syntaxProblems.length === 0 && result.anatomy.media.length > 0) {
            progress.report({ message: `${vscode.workspace.asRelativePath(uri)}: media` });
            found = [...found, ...(await media(result, abort.signal))];
          }
          diagnostics.setForClosedFile(uri, found);
        }
        summary.files++;
        summary.errors += found.filter((d) => d.severity === 'error').length;
        summary.warnings += found.filter((d) => d.severity === 'warning').length;
      }
      log.info(`Workspace check: ${summary.files} payload files, ${summary.errors} errors, ${summary.warnings} warnings`);
      return summary;
    },
  );
}

async function findPayloadFiles(payloads: PayloadDocuments, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const seen = new Map<string, vscode.Uri>();
  for (const glob of payloads.searchGlobs) {
    for (const uri of await vscode.workspace.findFiles(glob, '**/node_modules/**', undefined, token)) seen.set(uri.toString(), uri);
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
}
