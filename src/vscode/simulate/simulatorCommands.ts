import * as vscode from 'vscode';
import { callbackFilePattern, readCallbackText } from '../../core/simulate/callbackFile';
import { environmentAppId } from '../../core/simulate/environmentAppId';
import { personalizeCallback } from '../../core/simulate/personalize';
import { type CallbackSample, callbackSamples, sampleByKind } from '../../core/simulate/samples';
import type { Services } from '../services';
import { type SendSampleArgs, recordOf } from './callbackArgs';
import { type CallbackSendResult, CallbackSender } from './callbackSender';
import { pickCallbackTarget, runningListenerUrl } from './callbackTarget';
import { ResponseDocuments } from './responseDocuments';
import { pickSigningSecret } from './signingSecret';

export const simulatorCommandIds = {
  sendSample: 'convapiLine.sendSampleCallback',
  sendThis: 'convapiLine.sendThisCallback',
  replay: 'convapiLine.replayCallback',
} as const;

/** The workspaceState key where the send feature is expected to keep the selected environment's name. */
const activeEnvironmentKey = 'convapiLine.activeEnvironment';

/** The three simulator commands; each returns what the handler answered, or undefined when nothing was sent. */
export class SimulatorCommands {
  readonly #sender: CallbackSender;
  readonly responses = new ResponseDocuments();

  constructor(readonly services: Services) {
    this.#sender = new CallbackSender(services.log, services.settings, this.responses);
  }

  /** The active environment's app id (setting convapiLine.environments), or undefined to keep the sample's. */
  activeAppId(): string | undefined {
    return environmentAppId(this.services.settings.current.environments, this.services.context.workspaceState.get<string>(activeEnvironmentKey));
  }

  async sendSample(args: SendSampleArgs): Promise<CallbackSendResult | vscode.Uri | undefined> {
    const sample = args.kind ? sampleByKind(args.kind) : await pickSample();
    if (!sample) {
      if (args.kind) void vscode.window.showErrorMessage(`There is no sample callback of kind "${args.kind}"; the kinds are ${callbackSamples().map((s) => s.kind).join(', ')}.`);
      return undefined;
    }
    const appId = args.appId ?? this.activeAppId();
    const body = personalizeCallback(sample.text, { appId, contactId: args.contactId });
    const edit = args.edit ?? (args.url === undefined ? await askEditFirst(sample) : false);
    if (edit === undefined) return undefined;
    if (edit) return this.#openForEditing(sample, body);
    return this.#sendBody(sample.title, body, appId ?? (JSON.parse(body) as { app_id?: string }).app_id, args);
  }

  /** "Send This Callback": the text of a *.callback.json editor, saved or not. */
  async sendThis(uri?: vscode.Uri, args: SendSampleArgs = {}): Promise<CallbackSendResult | undefined> {
    const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showErrorMessage('Open a *.callback.json file to send it.');
      return undefined;
    }
    const name = document.uri.path.split('/').pop() ?? 'callback';
    const { body, problems } = readCallbackText(document.getText());
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      void vscode.window.showErrorMessage(`${name} was not sent: ${first.pointer ? `at ${first.pointer}: ` : ''}${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
      return undefined;
    }
    const appId = (JSON.parse(body) as { app_id?: unknown }).app_id;
    return this.#sendBody(name, body, typeof appId === 'string' && appId ? appId : this.activeAppId(), args);
  }

  /** "Replay Callback": a received callback's exact body, re-signed with a fresh nonce and timestamp. */
  async replay(arg?: unknown, args: SendSampleArgs = {}): Promise<CallbackSendResult | undefined> {
    const record = recordOf(arg);
    if (!record) {
      void vscode.window.showErrorMessage('Replay Callback needs a callback: run it on one in the Callbacks view.');
      return undefined;
    }
    return this.#sendBody(`Replay of ${record.summary || record.trigger}`, record.rawBody, record.appId ?? this.activeAppId(), args);
  }

  async #sendBody(what: string, body: string, appId: string | undefined, args: SendSampleArgs): Promise<CallbackSendResult | undefined> {
    const title = `Send ${what}`;
    const url = args.url === 'listener' ? await this.#listenerUrl() : (args.url ?? (await pickCallbackTarget(this.services.context.globalState, title)));
    if (url === undefined) return undefined;
    const secret = args.secret !== undefined ? args.secret : await pickSigningSecret(this.services.secrets, appId, title);
    if (secret === undefined) return undefined;
    return this.#sender.send(what, url, body, secret);
  }

  async #listenerUrl(): Promise<string | undefined> {
    const url = await runningListenerUrl();
    if (!url) void vscode.window.showErrorMessage('The webhook listener is not running: start it, or send the callback to a URL.');
    return url;
  }

  /** The sample as a real *.callback.json in the extension's storage, so the schema, completion and hovers apply. */
  async #openForEditing(sample: CallbackSample, body: string): Promise<vscode.Uri> {
    const folder = vscode.Uri.joinPath(this.services.context.globalStorageUri, 'callbacks');
    await vscode.workspace.fs.createDirectory(folder);
    const uri = vscode.Uri.joinPath(folder, `${sample.kind}.callback.json`);
    // Edits not yet saved in an open copy are the user's work: show them rather than overwrite them.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) {
      await vscode.window.showTextDocument(open);
      return uri;
    }
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${JSON.stringify(JSON.parse(body), null, 2)}\n`, 'utf8'));
    await vscode.window.showTextDocument(uri);
    return uri;
  }
}

async function pickSample(): Promise<CallbackSample | undefined> {
  const items = callbackSamples().map((sample) => ({ label: sample.title, description: sample.trigger, detail: `${sample.kind}.callback.json`, sample }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Send Sample Callback', placeHolder: 'Which callback?', matchOnDescription: true, matchOnDetail: true });
  return picked?.sample;
}

async function askEditFirst(sample: CallbackSample): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(send) Send Now', edit: false },
      { label: '$(edit) Edit First', description: `opens ${sample.kind}.callback.json; then "Send This Callback"`, edit: true },
    ],
    { title: `Send ${sample.title}` },
  );
  return picked?.edit;
}

export const isCallbackFile = (document: vscode.TextDocument) => callbackFilePattern.test(document.uri.path);
