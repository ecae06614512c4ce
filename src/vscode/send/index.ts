import * as vscode from 'vscode';
import { isRegion } from '../../core/conversation/environment';
import type { SentMessage } from '../../core/history/sentMessages';
import { curlSnippet, sdkSnippet } from '../../core/send/snippets';
import type { Services } from '../services';
import { ApiClients } from './apiClients';
import { sendCommandIds as ids } from './commandIds';
import { contextKeys } from '../contextKeys';
import { EnvironmentStatus } from './environmentStatus';
import { Environments } from './environments';
import { configureLineChannel } from './lineChannel';
import { SentRequestDocuments, sentRequestScheme } from './requestDocuments';
import { SendController } from './sendController';
import { SentMessageItem, SentMessagesView } from './sentMessagesView';
import { setupEnvironment } from './setupEnvironment';
import { type CreateWebhookArgs, WebhookCommands } from './webhookCommands';

/** Environments, Send Payload, the Sent Messages view, and the app's LINE and webhook set-up. */
export function registerSending(services: Services): vscode.Disposable {
  const environments = new Environments(services);
  const clients = new ApiClients(services.settings);
  const sender = new SendController(services, environments, clients);
  const view = new SentMessagesView(services.sentMessages);
  const webhooks = new WebhookCommands(services, environments, clients);
  const appState = (key: string, appId: string | undefined) => appId !== undefined && services.context.workspaceState.get<boolean>(`${key}/${appId}`) === true;
  const updateAppContext = () => {
    services.contextKeys.set(contextKeys.lineChannelConfigured, appState('convapiLine.lineConfigured', environments.active?.appId));
    services.contextKeys.set(contextKeys.webhookRegistered, appState('convapiLine.webhookRegistered', environments.active?.appId));
  };
  updateAppContext();

  /** A view item, an entry id (from a notification), or the selected entry. */
  const entryOf = (arg: unknown): SentMessage | undefined => {
    if (arg instanceof SentMessageItem) return arg.entry;
    if (typeof arg === 'string') return services.sentMessages.log.get(arg);
    const selected = view.treeView.selection[0];
    return selected instanceof SentMessageItem ? selected.entry : selected && 'parent' in selected ? selected.parent.entry : services.sentMessages.log.list()[0];
  };
  const snippetEnv = (entry: SentMessage) => {
    const env = environments.byName(entry.environment);
    if (env) return env;
    const base = entry.request.url.replace(/\/v1\/projects\/.*$/, '');
    // The environment was renamed or removed since: rebuild what the snippet needs from the entry itself.
    return { projectId: entry.projectId, keyId: 'YOUR_KEY_ID', region: isRegion(entry.region) ? entry.region : 'us', conversationUrl: /\.conversation\.api\.sinch\.com$/.test(new URL(base).host) ? undefined : base };
  };
  const copy = async (text: string, what: string) => {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`Copied ${what}`, 3000);
  };

  const commands: [string, (...args: unknown[]) => unknown][] = [
    [ids.send, (uri?: unknown) => sender.sendDocument(uri instanceof vscode.Uri ? uri : undefined)],
    [
      ids.selectEnvironment,
      async () => {
        const active = environments.active;
        const picked = await vscode.window.showQuickPick(
          [
            ...environments.all.map((e) => ({ label: e.name, description: `${e.projectId} · ${e.region}${e.name === active?.name ? ' · active' : ''}`, detail: `app ${e.appId}${e.conversationUrl ? ` · ${e.conversationUrl}` : ''}`, name: e.name })),
            { label: '$(add) Add Environment…', name: undefined },
          ],
          { title: 'Conversation API Environment', placeHolder: 'Environment to send with in this workspace' },
        );
        if (!picked) return undefined;
        if (picked.name === undefined) return setupEnvironment(environments);
        await environments.setActive(picked.name);
        updateAppContext();
        return environments.active;
      },
    ],
    [ids.addEnvironment, () => setupEnvironment(environments)],
    [
      ids.setKeySecret,
      async () => {
        const env = environments.active ?? (await setupEnvironment(environments));
        if (!env) return false;
        const stored = await environments.askKeySecret(env);
        if (stored) void vscode.window.showInformationMessage(`The key secret of "${env.name}" is stored in VS Code's secret storage.`);
        return stored !== undefined;
      },
    ],
    [
      ids.removeKeySecret,
      async () => {
        const env = environments.active;
        if (!env) return false;
        const sure = await vscode.window.showWarningMessage(`Remove the stored key secret of "${env.name}"? It will be asked for at the next send.`, { modal: true }, 'Remove');
        if (sure !== 'Remove') return false;
        await environments.removeKeySecret(env);
        void vscode.window.showInformationMessage(`Removed the key secret of "${env.name}".`);
        return true;
      },
    ],
    [ids.configureLineChannel, () => configureLineChannel(services, environments, clients)],
    [ids.listWebhooks, () => webhooks.list()],
    [ids.createWebhook, (args?: unknown) => webhooks.create(typeof args === 'object' && args !== null ? (args as CreateWebhookArgs) : {})],
    [ids.deleteWebhook, () => webhooks.delete()],
    [
      ids.sendAgain,
      (arg?: unknown) => {
        const entry = entryOf(arg);
        return entry ? sender.sendAgain(entry) : undefined;
      },
    ],
    [
      ids.openRequest,
      async (arg?: unknown) => {
        const entry = entryOf(arg);
        if (!entry) return;
        const document = await vscode.workspace.openTextDocument(SentRequestDocuments.uriOf(entry.id, `${entry.messageId ?? 'failed'}-request`));
        await vscode.languages.setTextDocumentLanguage(document, 'json');
        await vscode.window.showTextDocument(document, { preview: true });
      },
    ],
    [ids.copyAsCurl, (arg?: unknown) => entryOf(arg) && copy(curlSnippet(snippetEnv(entryOf(arg)!), entryOf(arg)!.request.body), 'the request as cURL (token as $SINCH_TOKEN)')],
    [ids.copyAsSdk, (arg?: unknown) => entryOf(arg) && copy(sdkSnippet(snippetEnv(entryOf(arg)!), entryOf(arg)!.request.body), 'the Sinch Node SDK call')],
    [ids.copyMessageId, (arg?: unknown) => entryOf(arg)?.messageId && copy(entryOf(arg)!.messageId!, `message_id ${entryOf(arg)!.messageId}`)],
    [
      ids.clearSent,
      async () => {
        const sure = await vscode.window.showWarningMessage('Clear the sent-messages history of this workspace?', { modal: true }, 'Clear');
        if (sure === 'Clear') services.sentMessages.clear();
      },
    ],
    [ids.revealSent, (id?: unknown) => (typeof id === 'string' ? view.reveal(id) : undefined)],
  ];

  return vscode.Disposable.from(
    environments,
    clients,
    view,
    new EnvironmentStatus(environments),
    environments.onDidChange(updateAppContext),
    vscode.workspace.registerTextDocumentContentProvider(sentRequestScheme, new SentRequestDocuments(services.sentMessages)),
    ...commands.map(([id, run]) => vscode.commands.registerCommand(id, run)),
  );
}
