import * as vscode from 'vscode';
import type { SentMessage, TimelineEvent } from '../../core/history/sentMessages';
import { eventLabel, timelineOf } from '../../core/history/timelineText';
import type { SentMessagesStore } from '../history/sentMessagesStore';
import { Disposable } from '../util/dispose';

const eventIcons: Record<TimelineEvent['kind'], string> = {
  queued: 'clock',
  delivered: 'check',
  read: 'eye',
  failed: 'error',
  switching: 'arrow-swap',
  reply: 'comment',
  other: 'bell',
};

/** A send in the view; its children are what happened to it ("sent", then the listener's callbacks). */
export class SentMessageItem extends vscode.TreeItem {
  constructor(readonly entry: SentMessage) {
    super(entry.file ? fileName(entry.file) : 'request', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = entry.id;
    const time = new Date(entry.sentAt).toLocaleTimeString();
    const outcome = entry.messageId ? '' : `failed${entry.response ? ` (HTTP ${entry.response.status})` : ''} · `;
    this.description = `${outcome}${shortRecipient(entry.recipient)} · ${entry.environment} · ${time}`;
    this.iconPath = new vscode.ThemeIcon(entry.messageId ? 'pass' : 'error', new vscode.ThemeColor(entry.messageId ? 'testing.iconPassed' : 'testing.iconFailed'));
    this.contextValue = entry.messageId ? 'sentMessage.accepted' : 'sentMessage.failed';
    this.tooltip = tooltipOf(entry);
    this.accessibilityInformation = { label: `${entry.recipient}, ${entry.messageId ? `message ${entry.messageId}` : 'failed'}, ${timelineOf(entry)}` };
  }
}

export class TimelineItem extends vscode.TreeItem {
  constructor(
    readonly parent: SentMessageItem,
    label: string,
    description: string,
    icon: string,
    tooltip?: string,
    id?: string,
  ) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.description = description;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.tooltip = tooltip;
    this.id = id;
    this.contextValue = 'sentMessage.event';
  }
}

type Node = SentMessageItem | TimelineItem;

/** The Sent Messages view: newest send first; refreshed when the store (send or listener) changes. */
export class SentMessagesView extends Disposable implements vscode.TreeDataProvider<Node> {
  readonly #onDidChangeTreeData = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.#onDidChangeTreeData.event;
  readonly treeView: vscode.TreeView<Node>;
  #items = new Map<string, SentMessageItem>();

  constructor(private readonly store: SentMessagesStore) {
    super();
    this.treeView = this._register(vscode.window.createTreeView('convapiLine.sentMessages', { treeDataProvider: this, showCollapseAll: true }));
    this._register(store.onDidChange(() => this.#onDidChangeTreeData.fire(undefined)));
    this.#updateMessage();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      this.#items = new Map(this.store.log.list().map((e) => [e.id, new SentMessageItem(e)]));
      this.#updateMessage();
      return [...this.#items.values()];
    }
    if (node instanceof TimelineItem) return [];
    return timelineItems(node);
  }

  getParent(node: Node): Node | undefined {
    return node instanceof TimelineItem ? node.parent : undefined;
  }

  itemFor(id: string): SentMessageItem | undefined {
    if (this.#items.size === 0) this.getChildren();
    return this.#items.get(id) ?? (this.store.log.get(id) ? new SentMessageItem(this.store.log.get(id)!) : undefined);
  }

  async reveal(id: string): Promise<void> {
    this.getChildren();
    const item = this.#items.get(id);
    if (item) await this.treeView.reveal(item, { select: true, focus: true, expand: true });
  }

  #updateMessage(): void {
    this.treeView.message = this.store.log.list().length === 0 ? 'No messages sent yet. Open a payload file and run "Send Payload".' : undefined;
  }
}

function timelineItems(item: SentMessageItem): TimelineItem[] {
  const e = item.entry;
  const items: TimelineItem[] = [];
  const at = (iso: string | undefined) => (iso ? new Date(iso).toLocaleTimeString() : '');
  if (e.messageId) items.push(new TimelineItem(item, 'sent', `${e.messageId} · accepted ${at(e.acceptedTime)}`, 'send', `message_id ${e.messageId}\naccepted_time ${e.acceptedTime ?? '?'}`, `${e.id}/sent`));
  else items.push(new TimelineItem(item, 'not sent', e.error ?? 'failed', 'error', e.error, `${e.id}/error`));
  e.events.forEach((event, i) => {
    const label = eventLabel(event);
    items.push(new TimelineItem(item, label, `${at(event.at)} · ${event.summary}`, eventIcons[event.kind], event.summary, `${e.id}/event/${i}`));
  });
  return items;
}

function tooltipOf(entry: SentMessage): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${entry.messageId ? 'Accepted' : 'Not accepted'}** · ${timelineOf(entry)}\n\n`);
  const rows: [string, string | undefined][] = [
    ['Time', new Date(entry.sentAt).toLocaleString()],
    ['Environment', `${entry.environment} (project ${entry.projectId}, region ${entry.region})`],
    ['App', entry.appId],
    ['File', entry.file ? fileName(entry.file) : undefined],
    ['Recipient', entry.recipient],
    ['message_id', entry.messageId],
    ['Error', entry.error],
  ];
  for (const [k, v] of rows) if (v) md.appendMarkdown(`${k}: `).appendText(v).appendMarkdown('  \n');
  return md;
}

/** "LINE U4623f0a8b5…": identities are long, and the tooltip has the whole one. */
function shortRecipient(recipient: string): string {
  return recipient.replace(/(\S{12})\S{4,}/g, '$1…');
}

function fileName(file: string): string {
  try {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(file));
  } catch {
    return file;
  }
}
