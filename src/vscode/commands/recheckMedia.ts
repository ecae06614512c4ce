import * as vscode from 'vscode';
import type { Settings } from '../../core/settings';
import type { DiagnosticsManager } from '../diagnostics';
import type { MediaPreflight, RecheckReport } from '../mediaPreflight';

export const recheckMediaCommandId = 'convapiLine.recheckMedia';

/** "Re-check Media Now": fetch the active payload's media again, even what the cache still holds as fresh. */
export async function recheckMedia(diagnostics: DiagnosticsManager, media: MediaPreflight, settings: Settings): Promise<RecheckReport | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  const result = document && diagnostics.resultFor(document);
  if (!document || !result) {
    void vscode.window.showWarningMessage('Open a LINE payload file (*.line.json) to re-check its media.');
    return undefined;
  }
  if (!settings.media.remoteChecks) {
    const choice = await vscode.window.showWarningMessage('Remote media checks are turned off.', 'Open Settings');
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'convapiLine.media.remoteChecks');
    return undefined;
  }
  const name = vscode.workspace.asRelativePath(document.uri);
  // Each request has its own timeout; this bounds the whole command, so a connection that never settles still ends
  // with an answer for the person who asked.
  const deadlineMs = settings.media.timeoutMs * 3;
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking the media of ${name}` },
    () => withDeadline(media.recheck(document, result), deadlineMs),
  );
  if (!report) {
    const seconds = Math.round(deadlineMs / 1000);
    void vscode.window.showWarningMessage(`The media of ${name} got no answer within ${seconds} s: LINE may not reach the files either.`);
    return undefined;
  }
  const message = describeRecheck(name, report);
  const errors = report.findings.some((f) => f.severity === 'error');
  const show = errors ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, ...(report.findings.length ? ['Show Problems'] : [])).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return report;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** "Checked 3 media URLs of card.line.json: 1 error, 1 warning (media.too-large, media.aspect-ratio)." */
export function describeRecheck(name: string, report: RecheckReport): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const skipped = report.skipped ? ` (${plural(report.skipped, 'URL')} not fetched: placeholders or not https)` : '';
  if (report.checked === 0) return `${name} has no media URL to fetch${skipped}.`;
  const head = `Checked ${plural(report.checked, 'media URL')} of ${name}${skipped}`;
  if (report.findings.length === 0) return `${head}: every file is reachable and within LINE's limits.`;
  const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
  const parts = [[count('error'), 'error'], [count('warning'), 'warning'], [count('information'), 'note']] as const;
  const codes = [...new Set(report.findings.map((f) => f.code))].join(', ');
  return `${head}: ${parts.filter(([n]) => n > 0).map(([n, w]) => plural(n, w)).join(', ')} (${codes}).`;
}
