import * as vscode from 'vscode';
import { linkCallback } from '../../core/history/timeline';
import type { CallbackRecord } from '../../core/webhook/callbackRecord';
import { CallbackStore } from '../../core/webhook/callbackStore';
import { ContactOptStates, type OptOut } from '../../core/webhook/contactOptStates';
import type { SentMessagesStore } from '../history/sentMessagesStore';

const fileName = 'callbacks.json';
const saveDelayMs = 500;

interface SavedHistory {
  version: 1;
  records: unknown[];
  optedOut: OptOut[];
}

/**
 * Every callback the listener recorded, newest first and bounded, kept in a file in the extension's workspace storage
 * (bodies can be large; workspaceState is for small values) so it survives a window reload. It also keeps who opted
 * out, and attaches delivery reports and replies to the sends they are about.
 */
export class CallbackHistory implements vscode.Disposable {
  readonly store: CallbackStore;
  readonly optStates = new ContactOptStates();
  readonly #onDidChange = new vscode.EventEmitter<CallbackRecord | undefined>();
  /** Fires with the record that arrived, or undefined when the list changed as a whole (loaded, cleared). */
  readonly onDidChange = this.#onDidChange.event;
  readonly #folder: vscode.Uri;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #sentSubscription: vscode.Disposable;
  #saving: Promise<void> = Promise.resolve();

  constructor(
    storageFolder: vscode.Uri,
    limit: number,
    readonly sentMessages: SentMessagesStore,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.#folder = storageFolder;
    this.store = new CallbackStore(limit);
    // A delivery report can beat the API's answer to the send: when a send is recorded, recent callbacks are linked too.
    this.#sentSubscription = sentMessages.onDidChange((changed) => {
      if (changed === undefined) this.#linkRecent();
    });
  }

  #linkRecent(): void {
    for (const record of this.store.list().slice(0, 100)) {
      const link = linkCallback(record, this.sentMessages.log);
      if (!link) continue;
      const sent = this.sentMessages.log.get(link.sentId);
      if (sent && !sent.events.some((e) => e.callbackId === record.id)) this.sentMessages.attach(link.sentId, link.event, link.learned);
    }
  }

  /** Reads what an earlier window kept; a missing or damaged file is an empty history. */
  async load(): Promise<void> {
    try {
      const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.#file))) as SavedHistory;
      const loaded = new CallbackStore(this.store.limit, Array.isArray(saved.records) ? saved.records : []);
      // Records that arrived while loading stay on top.
      for (const r of loaded.list()) this.store.appendOlder(r);
      for (const entry of Array.isArray(saved.optedOut) ? saved.optedOut : []) this.optStates.observe(optOutRecord(entry));
    } catch (error) {
      if ((error as vscode.FileSystemError).code !== 'FileNotFound') this.log.warn(`Callback history not loaded: ${(error as Error).message}`);
    }
    this.#onDidChange.fire(undefined);
  }

  get #file(): vscode.Uri {
    return vscode.Uri.joinPath(this.#folder, fileName);
  }

  set limit(limit: number) {
    this.store.limit = limit;
    this.#scheduleSave();
    this.#onDidChange.fire(undefined);
  }

  add(record: CallbackRecord): void {
    this.store.add(record);
    this.optStates.observe(record);
    const link = linkCallback(record, this.sentMessages.log);
    if (link) this.sentMessages.attach(link.sentId, link.event, link.learned);
    this.#scheduleSave();
    this.#onDidChange.fire(record);
  }

  optedOut(contactId: string | undefined, identity: string | undefined): OptOut | undefined {
    return this.optStates.optedOut(contactId, identity);
  }

  clear(): void {
    this.store.clear();
    this.#scheduleSave();
    this.#onDidChange.fire(undefined);
  }

  #scheduleSave(): void {
    if (this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      this.#saving = this.#saving.then(() => this.#save());
    }, saveDelayMs);
  }

  /** Waits for pending writes (tests; dispose). */
  async flush(): Promise<void> {
    if (this.#saveTimer) {
      clearTimeout(this.#saveTimer);
      this.#saveTimer = undefined;
      this.#saving = this.#saving.then(() => this.#save());
    }
    await this.#saving;
  }

  async #save(): Promise<void> {
    const saved: SavedHistory = { version: 1, records: this.store.toJSON(), optedOut: this.optStates.list() };
    try {
      await vscode.workspace.fs.createDirectory(this.#folder);
      await vscode.workspace.fs.writeFile(this.#file, new TextEncoder().encode(JSON.stringify(saved)));
    } catch (error) {
      this.log.warn(`Callback history not saved: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    this.#sentSubscription.dispose();
    void this.flush();
    this.#onDidChange.dispose();
  }
}

/** A saved opt-out replayed through the same path as a live one. */
function optOutRecord(entry: OptOut): CallbackRecord {
  return {
    id: entry.callbackId,
    receivedAt: entry.at,
    method: 'POST',
    path: '/',
    headers: {},
    rawBody: '',
    status: 200,
    accepted: true,
    signature: 'unchecked',
    trigger: 'OPT_OUT',
    kindKeys: ['opt_out_notification'],
    summary: 'Opt-out',
    contactId: entry.contactId,
    details: { kind: 'opt-out', identity: entry.identity, eventTime: entry.at },
  };
}
