import * as vscode from 'vscode';
import type { Settings } from '../../core/settings';
import type { CallbackRecord } from '../../core/webhook/callbackRecord';
import { type Listener, PortInUseError } from '../../core/webhook/listener';
import { ngrokUrlFor } from '../../core/webhook/ngrok';
import type { CallbackHistory } from './callbackHistory';
import type { WebhookSecrets } from './webhookSecrets';

export type ListenerState = { kind: 'stopped' } | { kind: 'starting' } | { kind: 'running'; localUrl: string; externalUrl?: string; port: number; host: string };

/**
 * Owns the one running listener: start, stop, its addresses and how many requests it took. The core listener is
 * loaded on first start, so a window that never listens pays nothing for it.
 */
export class ListenerService implements vscode.Disposable {
  #listener: Listener | undefined;
  #state: ListenerState = { kind: 'stopped' };
  #received = 0;
  #rejected = 0;
  readonly #onDidChange = new vscode.EventEmitter<ListenerState>();
  readonly onDidChange = this.#onDidChange.event;

  constructor(
    readonly history: CallbackHistory,
    readonly secrets: WebhookSecrets,
    readonly settings: () => Settings,
    readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): ListenerState {
    return this.#state;
  }

  get counts(): { received: number; rejected: number } {
    return { received: this.#received, rejected: this.#rejected };
  }

  #set(state: ListenerState): void {
    this.#state = state;
    void vscode.commands.executeCommand('setContext', 'convapiLine.listenerRunning', state.kind === 'running');
    this.#onDidChange.fire(state);
  }

  /** Starts on the configured host and port; resolves to the state, or throws an Error whose message says what to do. */
  async start(): Promise<ListenerState> {
    if (this.#state.kind !== 'stopped') return this.#state;
    this.#set({ kind: 'starting' });
    const { host, port } = this.settings().listener;
    const { start } = await import('../../core/webhook/listener');
    try {
      this.#listener = await start({
        host,
        port,
        secret: (appId) => this.secrets.candidates(appId),
        forwardTo: () => this.settings().listener.forwardTo,
        explainContext: { optedOutBefore: (contactId, identity) => this.history.optedOut(contactId, identity) !== undefined },
        onRecord: (record) => this.#onRecord(record),
      });
    } catch (error) {
      this.#set({ kind: 'stopped' });
      if (error instanceof PortInUseError) {
        throw new Error(`Cannot start the webhook listener: ${error.message}. Stop the other program, or change the setting convapiLine.listener.port (0 picks a free port).`);
      }
      throw new Error(`Cannot start the webhook listener on ${host}:${port}: ${(error as Error).message}`);
    }
    this.#received = 0;
    this.#rejected = 0;
    const localUrl = this.#listener.url;
    let externalUrl: string | undefined;
    if (vscode.env.remoteName) {
      // In a remote window (SSH, containers, Codespaces, code-server) the listener runs on the remote machine; VS Code
      // gives the address that reaches it from here (a forwarded port or a proxy).
      const external = await vscode.env.asExternalUri(vscode.Uri.parse(localUrl));
      if (external.toString() !== vscode.Uri.parse(localUrl).toString()) externalUrl = external.toString(true);
    }
    this.#set({ kind: 'running', localUrl, externalUrl, port: this.#listener.port, host: this.#listener.host });
    this.log.info(`Webhook listener started on ${localUrl}${externalUrl ? ` (reachable as ${externalUrl})` : ''}; signatures ${this.secrets.appIds.length ? 'checked' : 'not checked (no webhook secret set)'}`);
    return this.#state;
  }

  #onRecord(record: CallbackRecord): void {
    if (record.accepted) this.#received++;
    else this.#rejected++;
    if (!record.accepted) this.log.warn(`Webhook listener refused ${record.method} ${record.path}: ${record.status} ${record.rejectReason}`);
    this.history.add(record);
    this.#onDidChange.fire(this.#state);
  }

  async stop(): Promise<void> {
    const listener = this.#listener;
    this.#listener = undefined;
    if (listener) {
      await listener.close();
      this.log.info('Webhook listener stopped');
    }
    this.#set({ kind: 'stopped' });
  }

  /** The public URL of a local ngrok agent's tunnel to our port, if one runs. */
  async ngrokUrl(): Promise<string | undefined> {
    return this.#state.kind === 'running' ? ngrokUrlFor(this.#state.port) : undefined;
  }

  dispose(): void {
    void this.stop();
    this.#onDidChange.dispose();
  }
}
