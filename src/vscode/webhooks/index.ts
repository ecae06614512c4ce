import * as vscode from 'vscode';
import type { SentMessage } from '../../core/history/sentMessages';
import type { Services } from '../services';
import { CallbackHistory } from './callbackHistory';
import { CallbackDocuments, callbackScheme } from './callbackDocuments';
import { CallbacksTreeProvider } from './callbacksTree';
import { FailedDeliveryDiagnostics } from './failedDeliveryDiagnostics';
import { ListenerService } from './listenerService';
import { ListenerStatusBar } from './listenerStatusBar';
import { type WebhookFeature, testCommands, webhookCommands } from './webhookCommands';
import { WebhookSecrets } from './webhookSecrets';

/**
 * The UI suite cannot run a command that is not in the palette: it records a send the way the send feature would by
 * writing .convapi-line-test/sent-message.json into the workspace.
 */
function sentMessageHookFile(services: Services): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/.convapi-line-test/sent-message.json');
  const read = async (uri: vscode.Uri) => {
    services.log.info(`Test hook: recording the send in ${uri.fsPath}`);
    const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as SentMessage | SentMessage[];
    for (const entry of Array.isArray(parsed) ? parsed : [parsed]) if (!services.sentMessages.log.get(entry.id)) services.sentMessages.add(entry);
  };
  void vscode.workspace.findFiles('**/.convapi-line-test/sent-message.json').then((found) => Promise.all(found.map(read)));
  return vscode.Disposable.from(watcher, watcher.onDidCreate(read), watcher.onDidChange(read));
}

/** The webhook listener, the Callbacks view, the timeline links and the failed-delivery diagnostics. */
export function registerWebhooks(services: Services): vscode.Disposable {
  const { context, settings, log } = services;
  const storage = context.storageUri ?? context.globalStorageUri;
  const history = new CallbackHistory(storage, settings.current.listener.keep, services.sentMessages, log);
  const secrets = new WebhookSecrets(services.secrets, context.workspaceState);
  const listener = new ListenerService(history, secrets, () => settings.current, log);
  const tree = new CallbacksTreeProvider(history);
  const treeView = vscode.window.createTreeView('convapiLine.callbacks', { treeDataProvider: tree, showCollapseAll: false });
  const feature: WebhookFeature = { services, listener, history, tree, secrets };
  const documents = new CallbackDocuments(history);
  const documentChanges = new vscode.EventEmitter<vscode.Uri>();

  const updateView = () => {
    const shown = tree.visible().length;
    const total = history.store.size;
    const filter = tree.describeFilter();
    treeView.description = filter ? `${filter} (${shown} of ${total})` : listener.state.kind === 'running' ? `listening on :${listener.state.port}` : undefined;
    treeView.badge = undefined;
    void vscode.commands.executeCommand('setContext', 'convapiLine.hasCallback', total > 0);
  };

  // Test hooks: in an extension test run, or when the UI harness (which tests the installed VSIX) asks for them.
  const testHooks = context.extensionMode === vscode.ExtensionMode.Test || process.env.CONVAPI_LINE_TEST_HOOKS === '1';
  const commandRegistrations = [...webhookCommands, ...(testHooks ? testCommands : [])].map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => handler(feature, ...args)),
  );
  if (testHooks) commandRegistrations.push(sentMessageHookFile(services));

  void history.load();
  void secrets.loadAll((settings.current.environments ?? []).map((e) => e.appId));

  return vscode.Disposable.from(
    ...commandRegistrations,
    history,
    secrets,
    listener,
    tree,
    treeView,
    documentChanges,
    new ListenerStatusBar(listener),
    new FailedDeliveryDiagnostics(services.sentMessages),
    vscode.workspace.registerTextDocumentContentProvider(callbackScheme, Object.assign(documents, { onDidChange: documentChanges.event })),
    history.onDidChange(updateView),
    listener.onDidChange(updateView),
    tree.onDidChangeFilter(updateView),
    treeView.onDidChangeVisibility(updateView),
    settings.onDidChange((current) => {
      history.limit = current.listener.keep;
      void secrets.loadAll((current.environments ?? []).map((e) => e.appId));
    }),
  );
}
