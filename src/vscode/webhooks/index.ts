import * as vscode from 'vscode';
import { contextKeys } from '../contextKeys';
import type { Services } from '../services';
import { CallbackHistory } from './callbackHistory';
import { CallbackDocuments, callbackScheme } from './callbackDocuments';
import { CallbacksTreeProvider } from './callbacksTree';
import { FailedDeliveryDiagnostics } from './failedDeliveryDiagnostics';
import { ListenerService } from './listenerService';
import { ListenerStatusBar } from './listenerStatusBar';
import { type WebhookFeature, testCommands, webhookCommands } from './webhookCommands';
import { WebhookSecrets } from './webhookSecrets';

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
    services.contextKeys.set(contextKeys.hasCallback, total > 0);
  };

  // The integration suite cannot type a key secret into the password box, so it records sends through these; they
  // exist only when VS Code runs the extension's tests, never in an installed extension.
  const testCommandsToo = context.extensionMode === vscode.ExtensionMode.Test;
  const commandRegistrations = [...webhookCommands, ...(testCommandsToo ? testCommands : [])].map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => handler(feature, ...args)),
  );

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
