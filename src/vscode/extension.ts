import * as vscode from 'vscode';
import { SettingsStore } from './config';
import { ContextKeys } from './contextKeys';
import { DiagnosticsManager } from './diagnostics';
import { LimitHints } from './limitHints';
import { MediaPreflight } from './mediaPreflight';
import { registerPreview } from './preview';
import { registerSimulator } from './simulate';
import { checkText } from '../core/check';
import { PayloadDocuments, jsonDocuments } from './payloadDocuments';
import { PayloadFileWatcher } from './payloadFileWatcher';
import { RuleLinks } from './ruleLinks';
import { QuickFixProvider } from './quickFixes';
import { checkWorkspace, checkWorkspaceCommandId } from './commands/checkWorkspace';
import { type NewPayloadArgs, newPayload, newPayloadCommandId } from './commands/newPayload';
import { recheckMedia, recheckMediaCommandId } from './commands/recheckMedia';
import { SentMessagesStore } from './history/sentMessagesStore';
import { Secrets } from './secrets';
import { registerSending } from './send';
import type { Services } from './services';
import { registerWalkthrough } from './walkthrough';
import { registerWebhooks } from './webhooks';

/** The one name users see: display name, command category, settings title, log. */
export const productName = 'Sinch Conversation API LINE';

/** Wires the pieces together; the behaviour lives in the classes it creates. */
export function activate(context: vscode.ExtensionContext): { activationMs: number } {
  const started = performance.now();
  const log = vscode.window.createOutputChannel(productName, { log: true });
  const settingsStore = new SettingsStore();
  let settings = settingsStore.current;
  const payloads = new PayloadDocuments(settings);
  const rules = new RuleLinks(context.extensionUri, log);
  const diagnostics = new DiagnosticsManager(payloads, log, rules);
  const fileWatcher = new PayloadFileWatcher(payloads, diagnostics, log);
  const limitHints = new LimitHints(diagnostics, settings, rules);
  const media = new MediaPreflight(diagnostics, settings, log);
  diagnostics.asyncFindings = media;
  const services: Services = {
    context,
    log,
    settings: settingsStore,
    secrets: new Secrets(context.secrets),
    sentMessages: new SentMessagesStore(context.workspaceState),
    payloads,
    diagnostics,
    contextKeys: new ContextKeys(),
  };

  const updateActiveContext = () => {
    const document = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', 'convapiLine.activeIsPayload', document ? payloads.isPayload(document) : false);
  };

  context.subscriptions.push(
    log,
    settingsStore,
    services.secrets,
    services.sentMessages,
    services.contextKeys,
    diagnostics,
    fileWatcher,
    limitHints,
    media,
    vscode.languages.registerCodeActionsProvider(jsonDocuments, new QuickFixProvider(diagnostics), QuickFixProvider.metadata),
    vscode.languages.registerHoverProvider(jsonDocuments, limitHints),
    vscode.languages.registerInlayHintsProvider(jsonDocuments, limitHints),
    registerPreview(context, {
      log,
      isPayload: (document) => payloads.isPayload(document),
      // The preview shows every problem, schema ones included, plus what media pre-flight found so far.
      check: (document) => {
        const result = checkText(document.getText());
        return { diagnostics: [...result.diagnostics, ...media.get(document.uri, result)], value: result.document.value };
      },
    }),
    registerSending(services),
    registerSimulator(services),
    vscode.commands.registerCommand(checkWorkspaceCommandId, () => checkWorkspace(payloads, diagnostics, log, (result, signal) => media.checkClosed(result, signal), settings.maxFileSizeMB * 1024 * 1024)),
    vscode.commands.registerCommand(newPayloadCommandId, (args?: NewPayloadArgs) => newPayload(args)),
    vscode.commands.registerCommand('convapiLine.showLog', () => log.show()),
    vscode.commands.registerCommand(recheckMediaCommandId, () => recheckMedia(diagnostics, media, settings)),
    registerWebhooks(services),
    registerWalkthrough(services),
    vscode.window.onDidChangeActiveTextEditor(updateActiveContext),
    settingsStore.onDidChange((changed) => {
      settings = changed;
      payloads.update(settings);
      fileWatcher.update();
      limitHints.update(settings);
      media.update(settings);
      diagnostics.checkOpenDocuments();
      updateActiveContext();
    }),
  );
  updateActiveContext();
  diagnostics.checkOpenDocuments();
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms (${vscode.env.appName} ${vscode.version})`);
  // The extension's exports: the integration suite reads how long activate() took, for the bench.
  return { activationMs };
}

export function deactivate() {}
