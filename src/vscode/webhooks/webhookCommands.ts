import * as vscode from 'vscode';
import type { CallbackRecord } from '../../core/webhook/callbackRecord';
import { shortId } from '../../core/webhook/explainCallback';
import type { OptOut } from '../../core/webhook/contactOptStates';
import { Secrets } from '../secrets';
import type { Services } from '../services';
import type { CallbackHistory } from './callbackHistory';
import { CallbackDocuments } from './callbackDocuments';
import { contactKey } from './callbackPresentation';
import type { CallbacksTreeProvider } from './callbacksTree';
import type { ListenerService } from './listenerService';
import type { WebhookSecrets } from './webhookSecrets';

export interface WebhookFeature {
  services: Services;
  listener: ListenerService;
  history: CallbackHistory;
  tree: CallbacksTreeProvider;
  secrets: WebhookSecrets;
}

/** A tree item of the Callbacks view, or a record itself (other features pass either). */
type RecordArg = { record?: CallbackRecord } | CallbackRecord | undefined;

function recordOf(arg: RecordArg, feature: WebhookFeature): CallbackRecord | undefined {
  if (!arg) return feature.tree.visible()[0];
  if ('rawBody' in arg && typeof arg.rawBody === 'string') return arg as CallbackRecord;
  return (arg as { record?: CallbackRecord }).record;
}

const isLoopback = (url: string) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/|$)/i.test(url);

export type CommandTable = [id: string, handler: (feature: WebhookFeature, ...args: any[]) => unknown][];

async function startListener(f: WebhookFeature): Promise<string | undefined> {
  try {
    const state = await f.listener.start();
    if (state.kind !== 'running') return undefined;
    const ngrok = await f.listener.ngrokUrl();
    const where = state.externalUrl ? `${state.localUrl} (from outside: ${state.externalUrl})` : state.localUrl;
    const secretNote = f.secrets.appIds.length ? '' : ' No webhook secret is set, so signatures are not checked.';
    const actions = ngrok ? ['Register ngrok URL as Webhook', 'Copy URL'] : ['Copy URL', 'How to Reach It from Sinch'];
    void vscode.window.showInformationMessage(`Webhook listener on ${where}.${ngrok ? ` ngrok forwards ${ngrok} to it.` : ''}${secretNote}`, ...actions).then((choice) => {
      if (choice === 'Copy URL') void vscode.env.clipboard.writeText(state.externalUrl ?? state.localUrl);
      if (choice === 'Register ngrok URL as Webhook') void registerAsWebhook(f, ngrok);
      if (choice === 'How to Reach It from Sinch') void vscode.env.openExternal(vscode.Uri.parse('https://ngrok.com/docs/getting-started/'));
    });
    return state.localUrl;
  } catch (error) {
    const message = (error as Error).message;
    f.services.log.error(message);
    void vscode.window.showErrorMessage(message, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'convapiLine.listener.port');
    });
    return undefined;
  }
}

async function registerAsWebhook(f: WebhookFeature, target?: string): Promise<unknown> {
  if (f.listener.state.kind !== 'running' && !(await startListener(f))) return undefined;
  const state = f.listener.state;
  if (state.kind !== 'running') return undefined;
  target ??= (await f.listener.ngrokUrl()) ?? (state.externalUrl && !isLoopback(state.externalUrl) ? state.externalUrl : undefined);
  target ??= await vscode.window.showInputBox({
    title: 'Register Listener as Webhook',
    prompt: `Sinch cannot reach ${state.localUrl}. Start a tunnel to port ${state.port} (for example "ngrok http ${state.port}") and enter its public https URL.`,
    placeHolder: 'https://….ngrok-free.app/',
    ignoreFocusOut: true,
    validateInput: (value) => (/^https:\/\/[^/\s]+/.test(value.trim()) ? (isLoopback(value.trim()) ? 'Sinch cannot reach a loopback address.' : undefined) : 'A public https URL, for example https://abc.ngrok-free.app/'),
  });
  if (!target) return undefined;
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes('convapiLine.createWebhook')) {
    void vscode.window.showErrorMessage('Registering a webhook needs the Conversation API webhook commands (convapiLine.createWebhook), which are not available in this build.');
    return undefined;
  }
  return vscode.commands.executeCommand('convapiLine.createWebhook', { target: target.trim() });
}

async function listenerActions(f: WebhookFeature): Promise<void> {
  const state = f.listener.state;
  if (state.kind !== 'running') return void (await startListener(f));
  const ngrok = await f.listener.ngrokUrl();
  type Action = vscode.QuickPickItem & { run: () => unknown };
  const items: Action[] = [
    { label: '$(copy) Copy Local URL', description: state.localUrl, run: () => vscode.env.clipboard.writeText(state.localUrl) },
    ...(state.externalUrl ? [{ label: '$(globe) Copy External URL', description: state.externalUrl, run: () => vscode.env.clipboard.writeText(state.externalUrl!) }] : []),
    ...(ngrok ? [{ label: '$(globe) Copy ngrok URL', description: ngrok, run: () => vscode.env.clipboard.writeText(ngrok) }] : []),
    { label: '$(cloud-upload) Register as Webhook', description: ngrok ?? 'asks for the tunnel URL', run: () => registerAsWebhook(f, ngrok) },
    { label: '$(key) Set Webhook Secret', run: () => setWebhookSecret(f) },
    { label: '$(list-flat) Show Callbacks', run: () => vscode.commands.executeCommand('convapiLine.callbacks.focus') },
    { label: '$(debug-stop) Stop Webhook Listener', run: () => f.listener.stop() },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: `Webhook listener on ${state.localUrl}` });
  await choice?.run();
}

async function setWebhookSecret(f: WebhookFeature, args?: { appId?: string; secret?: string }): Promise<boolean> {
  let appId = args?.appId;
  if (!appId) {
    const apps = new Map<string, string>();
    for (const env of f.services.settings.current.environments ?? []) apps.set(env.appId, `environment ${env.name}`);
    for (const app of f.secrets.appIds) if (!apps.has(app)) apps.set(app, 'secret set');
    for (const r of f.history.store.list()) if (r.appId && !apps.has(r.appId)) apps.set(r.appId, 'seen in callbacks');
    const enter = '$(edit) Enter an app id…';
    const picked = await vscode.window.showQuickPick([...[...apps].map(([label, description]) => ({ label, description })), { label: enter }], { title: 'Set Webhook Secret: which app?' });
    if (!picked) return false;
    appId = picked.label === enter ? (await vscode.window.showInputBox({ title: 'App id', ignoreFocusOut: true }))?.trim() : picked.label;
    if (!appId) return false;
  }
  const secret =
    args?.secret ??
    (await vscode.window.showInputBox({
      title: `Webhook secret of app ${appId}`,
      prompt: 'The secret the webhook was created with. Kept in VS Code’s secret storage; callbacks whose signature does not match are refused (401) and listed.',
      password: true,
      ignoreFocusOut: true,
    }));
  if (secret === undefined) return false;
  if (secret === '') await f.secrets.delete(appId);
  else await f.secrets.set(appId, secret);
  return true;
}

async function filterCallbacks(f: WebhookFeature, args?: { trigger?: string; contact?: string }): Promise<void> {
  if (args) {
    f.tree.filter = { trigger: args.trigger || undefined, contact: args.contact || undefined };
    return;
  }
  const records = f.history.store.list();
  const count = (pick: (r: CallbackRecord) => string | undefined) => {
    const counts = new Map<string, number>();
    for (const r of records) {
      const key = pick(r);
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const all = '$(list-flat) All';
  const triggers = count((r) => (r.accepted ? r.trigger : 'REFUSED'));
  const trigger = await vscode.window.showQuickPick([{ label: all }, ...[...triggers].map(([label, n]) => ({ label, description: `${n}` }))], { title: 'Filter callbacks (1/2): trigger' });
  if (!trigger) return;
  const contacts = count(contactKey);
  const contact = await vscode.window.showQuickPick([{ label: all }, ...[...contacts].map(([label, n]) => ({ label, description: `${n}` }))], { title: 'Filter callbacks (2/2): contact' });
  if (!contact) return;
  f.tree.filter = { trigger: trigger.label === all ? undefined : trigger.label, contact: contact.label === all ? undefined : contact.label };
}

async function openCallback(f: WebhookFeature, arg: RecordArg): Promise<vscode.TextEditor | undefined> {
  const record = recordOf(arg, f);
  if (!record) return undefined;
  const document = await vscode.workspace.openTextDocument(CallbackDocuments.uriOf(record));
  return vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
}

function channelIdentity(record: CallbackRecord): { channel?: string; identity?: string; app_id?: string } {
  try {
    const body = JSON.parse(record.rawBody) as Record<string, Record<string, unknown>>;
    for (const part of Object.values(body)) {
      const ci = part && typeof part === 'object' ? (part.channel_identity as Record<string, string> | undefined) : undefined;
      if (ci && typeof ci === 'object') return ci;
    }
  } catch {
    // A body that is not JSON names no identity.
  }
  return { channel: record.details?.channel, identity: record.details?.identity };
}

/** LINE identities belong to one app: the reply goes from the app that received the callback, to that contact. */
export function replyPayload(record: CallbackRecord): Record<string, unknown> {
  const identity = channelIdentity(record);
  const appId = record.appId || identity.app_id || '{{APP_ID}}';
  const recipient = record.contactId
    ? { contact_id: record.contactId }
    : { identified_by: { channel_identities: [{ channel: identity.channel ?? record.details?.channel ?? 'LINE', identity: identity.identity ?? record.details?.identity ?? '{{LINE_USER_ID}}' }] } };
  return { app_id: appId, recipient, message: { text_message: { text: '' } }, channel_priority_order: ['LINE'] };
}

async function replyToContact(f: WebhookFeature, arg: RecordArg): Promise<vscode.TextEditor | undefined> {
  const record = recordOf(arg, f);
  if (!record) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `reply-to-${(contactKey(record) ?? 'contact').replace(/[^\w-]+/g, '').slice(0, 26)}.line.json`;
  const uri = folder ? vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' }) : vscode.Uri.parse(`untitled:${name}`);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const text = JSON.stringify(replyPayload(record), null, 2);
  await editor.edit((e) => e.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text));
  const textAt = document.getText().indexOf('"text": ""') + '"text": "'.length;
  editor.selection = new vscode.Selection(document.positionAt(textAt), document.positionAt(textAt));
  const optedOut = f.history.optedOut(record.contactId, record.details?.identity);
  if (optedOut) void vscode.window.showWarningMessage(`${shortId(record.contactId ?? record.details?.identity)} blocked the bot (opt-out ${optedOut.at}) and has not opted in since: LINE will not deliver, and the API will not say so.`);
  return editor;
}

async function saveAsFixture(f: WebhookFeature, arg: RecordArg, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const record = recordOf(arg, f);
  if (!record) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = `${(record.details?.kind ?? record.trigger.toLowerCase()).replace(/[^\w-]+/g, '-')}.callback.json`;
  target ??= await vscode.window.showSaveDialog({
    title: 'Save callback as fixture',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'fixtures', base) : undefined,
    filters: { 'Callback fixture': ['callback.json', 'json'] },
  });
  if (!target) return undefined;
  if (!target.path.endsWith('.callback.json')) target = target.with({ path: target.path.replace(/(\.json)?$/, '.callback.json') });
  // Saved as Sinch sent it, pretty-printed; the raw string of an unsupported callback stays a string, as on the wire.
  let text: string;
  try {
    text = `${JSON.stringify(JSON.parse(record.rawBody), null, 2)}\n`;
  } catch {
    text = record.rawBody;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}

/** For the send command: has this contact opted out (blocked the bot) with no opt-in since? */
function contactOptedOut(f: WebhookFeature, who?: { contactId?: string; identity?: string }): (OptOut & { summary: string }) | undefined {
  const found = f.history.optedOut(who?.contactId, who?.identity);
  if (!found) return undefined;
  return { ...found, summary: `${shortId(found.identity ?? found.contactId)} opted out (blocked the bot) on ${found.at} and has not opted in since` };
}

export const webhookCommands: CommandTable = [
  ['convapiLine.startListener', startListener],
  ['convapiLine.stopListener', (f) => f.listener.stop()],
  ['convapiLine.registerListenerAsWebhook', (f, target?: string) => registerAsWebhook(f, typeof target === 'string' ? target : undefined)],
  ['convapiLine.copyListenerUrl', async (f) => {
    const s = f.listener.state;
    if (s.kind === 'running') await vscode.env.clipboard.writeText(s.externalUrl ?? s.localUrl);
  }],
  ['convapiLine.getListenerUrl', (f) => (f.listener.state.kind === 'running' ? f.listener.state.localUrl : undefined)],
  ['convapiLine.listenerActions', listenerActions],
  ['convapiLine.setWebhookSecret', setWebhookSecret],
  ['convapiLine.filterCallbacks', filterCallbacks],
  ['convapiLine.clearCallbackFilter', (f) => void (f.tree.filter = {})],
  ['convapiLine.clearCallbacks', (f) => f.history.clear()],
  ['convapiLine.openCallback', openCallback],
  ['convapiLine.replyToContact', replyToContact],
  ['convapiLine.saveCallbackAsFixture', saveAsFixture],
  ['convapiLine.contactOptedOut', contactOptedOut],
];

/**
 * Only in an extension test run (the integration suite, which cannot type into the password box): store an
 * environment's key secret so the real Send command can run, and read the Sent Messages and Callbacks views.
 */
export const testCommands: CommandTable = [
  ['convapiLine.test.storeKeySecret', (f, environment: string, secret: string) => f.services.secrets.store(Secrets.keySecret(environment), secret)],
  ['convapiLine.test.sentMessages', (f) => f.services.sentMessages.log.list()],
  ['convapiLine.test.callbackItems', (f) => f.tree.getChildren()],
];
