import * as vscode from 'vscode';
import { SentMessageLog, type SentMessage, type TimelineEvent } from '../../core/history/sentMessages';

const storageKey = 'convapiLine.sentMessages';

/**
 * The sent-messages log of this workspace, kept in workspaceState across reloads. The send feature adds to it; the
 * webhook listener attaches delivery reports and replies; the sent-messages view listens to onDidChange.
 */
export class SentMessagesStore implements vscode.Disposable {
  readonly log: SentMessageLog;
  readonly #memento: vscode.Memento;
  readonly #onDidChange = new vscode.EventEmitter<SentMessage | undefined>();
  /** Fires with the entry that changed, or undefined when the whole list did. */
  readonly onDidChange = this.#onDidChange.event;

  constructor(memento: vscode.Memento, limit = 200) {
    this.#memento = memento;
    const saved = memento.get<unknown>(storageKey);
    this.log = new SentMessageLog(limit, Array.isArray(saved) ? saved : []);
  }

  add(entry: SentMessage): void {
    this.log.add(entry);
    this.#save(undefined);
  }

  attach(id: string, event: TimelineEvent, learned?: { conversationId?: string; contactId?: string }): boolean {
    const done = this.log.attach(id, event, learned);
    if (done) this.#save(this.log.get(id));
    return done;
  }

  clear(): void {
    this.log.clear();
    this.#save(undefined);
  }

  #save(changed: SentMessage | undefined): void {
    void this.#memento.update(storageKey, this.log.toJSON());
    this.#onDidChange.fire(changed);
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }
}
