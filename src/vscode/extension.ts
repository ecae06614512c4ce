import * as vscode from 'vscode';
import { configSection, readConfiguration } from './config';
import { DiagnosticsManager } from './diagnostics';
import { LimitHints } from './limitHints';
import { MediaPreflight } from './mediaPreflight';
import { registerPreview } from './preview';
import { checkText } from '../core/check';
import { PayloadDocuments } from './payloadDocuments';
import { QuickFixProvider } from './quickFixes';
import { checkWorkspace, checkWorkspaceCommandId } from './commands/checkWorkspace';
import { type NewPayloadArgs, newPayload, newPayloadCommandId } from './commands/newPayload';

/** Wires the pieces together; the behaviour lives in the classes it creates. */
export function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('Conversation API LINE', { log: true });
  let settings = readConfiguration();
  const payloads = new PayloadDocuments(settings);
  const diagnostics = new DiagnosticsManager(payloads, log);
  const limitHints = new LimitHints(diagnostics, settings);
  const media = new MediaPreflight(diagnostics, settings, log);
  diagnostics.asyncFindings = media;

  const updateActiveContext = () => {
    const document = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', 'convapiLine.activeIsPayload', document ? payloads.isPayload(document) : false);
  };

  // Providers see every JSON document and answer only for payloads, so that changing the globs needs no re-registration.
  const json: vscode.DocumentSelector = { language: 'json' };
  context.subscriptions.push(
    log,
    diagnostics,
    limitHints,
    media,
    vscode.languages.registerCodeActionsProvider(json, new QuickFixProvider(diagnostics), QuickFixProvider.metadata),
    vscode.languages.registerHoverProvider(json, limitHints),
    vscode.languages.registerInlayHintsProvider(json, limitHints),
    registerPreview(context, {
      log,
      isPayload: (document) => payloads.isPayload(document),
      // The preview shows every problem, schema ones included, plus what media pre-flight found so far.
      check: (document) => {
        const result = checkText(document.getText());
        return { diagnostics: [...result.diagnostics, ...media.get(document.uri, result)], value: result.document.value };
      },
    }),
    vscode.commands.registerCommand(checkWorkspaceCommandId, async () => {
      const summary = await checkWorkspace(payloads, diagnostics, log, (result, signal) => media.checkClosed(result, signal));
      const text = summary.files === 0
        ? 'No payload files (*.line.json, *.convapi.json) in this workspace.'
        : `Checked ${summary.files} payload file${summary.files === 1 ? '' : 's'}: ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}.`;
      // Not awaited: the command's result (for callers and tests) must not wait for the user to dismiss a toast.
      void vscode.window.showInformationMessage(text, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return summary;
    }),
    vscode.commands.registerCommand(newPayloadCommandId, (args?: NewPayloadArgs) => newPayload(args)),
    vscode.commands.registerCommand('convapiLine.showLog', () => log.show()),
    vscode.commands.registerCommand('convapiLine.recheckMedia', async () => {
      const document = vscode.window.activeTextEditor?.document;
      const result = document && diagnostics.resultFor(document);
      if (!document || !result) {
        void vscode.window.showWarningMessage('Open a LINE payload file (*.line.json) to re-check its media.');
        return;
      }
      if (!settings.media.remoteChecks) {
        const choice = await vscode.window.showWarningMessage('Remote media checks are turned off.', 'Open Settings');
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'convapiLine.media.remoteChecks');
        return;
      }
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking media' }, () => media.recheck(document, result));
    }),
    vscode.window.onDidChangeActiveTextEditor(updateActiveContext),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(configSection) && !e.affectsConfiguration('json.validate')) return;
      settings = readConfiguration();
      payloads.update(settings);
      limitHints.update(settings);
      media.update(settings);
      diagnostics.checkOpenDocuments();
      updateActiveContext();
    }),
  );
  updateActiveContext();
  diagnostics.checkOpenDocuments();
  log.info(`Activated (${vscode.env.appName} ${vscode.version})`);
}

export function deactivate() {}
