import * as vscode from 'vscode';
import type { CallbackRecord } from '../../core/webhook/callbackRecord';
import { shortId } from '../../core/webhook/explainCallback';
import type { CallbackHistory } from './callbackHistory';
import { callbackLook, contactKey, mediaExpiry } from './callbackPresentation';

export interface CallbackFilter {
  trigger?: string;
  contact?: string;
}

/** A row of the Callbacks view. `record` is public: other features' commands (Replay) take the item. */
export class CallbackItem extends vscode.TreeItem {
  constructor(readonly record: CallbackRecord) {
    super(record.summary || `${record.method} ${record.path}`, vscode.TreeItemCollapsibleState.None);
    this.id = record.id;
    const look = callbackLook(record);
    this.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    const time = new Date(record.receivedAt).toLocaleTimeString();
    const parts = [time];
    if (!record.accepted) parts.push(`${record.status}`);
    const expiry = mediaExpiry(record);
    if (expiry) parts.push(`media ${expiry.expired ? 'expired' : 'expires'} ${expiry.date}`);
    if (record.forward) parts.push(`→ ${record.forward.status ?? 'failed'}${record.forward.latencyMs !== undefined ? ` ${Math.round(record.forward.latencyMs)} ms` : ''}`);
    this.description = parts.join(' · ');
    this.tooltip = tooltipOf(record);
    this.contextValue = `callback${contactKey(record) && record.accepted ? '.contact' : ''}${record.accepted ? '' : '.rejected'}`;
    this.command = { command: 'convapiLine.openCallback', title: 'Open Callback JSON', arguments: [this] };
    this.accessibilityInformation = { label: `${record.summary}, ${this.description}` };
  }
}

function tooltipOf(record: CallbackRecord): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendText(record.summary);
  md.appendMarkdown('\n\n');
  md.appendText(`${record.trigger} · ${record.receivedAt} · ${record.status}${record.accepted ? '' : ` refused: ${record.rejectReason}`} · signature ${record.signature}`);
  const expiry = mediaExpiry(record);
  if (expiry) md.appendMarkdown('\n\n').appendText(`Sinch keeps inbound media for 7 days: this URL ${expiry.expired ? 'expired' : 'expires'} on ${expiry.date}.`);
  if (record.kindKeys.length > 1 || record.trigger === 'UNKNOWN') md.appendMarkdown('\n\n').appendText(`Top-level keys: ${record.kindKeys.join(', ') || 'none'}`);
  if (record.forward) md.appendMarkdown('\n\n').appendText(`Forwarded to ${record.forward.url}: ${record.forward.status ?? record.forward.error}${record.forward.latencyMs !== undefined ? ` in ${record.forward.latencyMs} ms` : ''}`);
  return md;
}

/** Newest first, filtered by trigger and contact; refreshes are coalesced so a burst of callbacks redraws once. */
export class CallbacksTreeProvider implements vscode.TreeDataProvider<CallbackItem>, vscode.Disposable {
  readonly #onDidChangeTreeData = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.#onDidChangeTreeData.event;
  readonly #onDidChangeFilter = new vscode.EventEmitter<CallbackFilter>();
  readonly onDidChangeFilter = this.#onDidChangeFilter.event;
  #filter: CallbackFilter = {};
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #subscription: vscode.Disposable;

  constructor(readonly history: CallbackHistory) {
    this.#subscription = history.onDidChange(() => this.refresh());
  }

  get filter(): CallbackFilter {
    return this.#filter;
  }

  set filter(filter: CallbackFilter) {
    this.#filter = filter;
    void vscode.commands.executeCommand('setContext', 'convapiLine.callbacksFiltered', Boolean(filter.trigger || filter.contact));
    this.#onDidChangeFilter.fire(filter);
    this.refresh();
  }

  describeFilter(): string | undefined {
    const parts = [this.#filter.trigger, this.#filter.contact ? shortId(this.#filter.contact) : undefined].filter(Boolean);
    return parts.length ? parts.join(' · ') : undefined;
  }

  visible(): CallbackRecord[] {
    const { trigger, contact } = this.#filter;
    return this.history.store.list().filter((r) => (!trigger || r.trigger === trigger || (trigger === 'REFUSED' && !r.accepted)) && (!contact || contactKey(r) === contact));
  }

  refresh(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#onDidChangeTreeData.fire();
    }, 50);
  }

  getTreeItem(element: CallbackItem): vscode.TreeItem {
    return element;
  }

  getChildren(element?: CallbackItem): CallbackItem[] {
    return element ? [] : this.visible().map((r) => new CallbackItem(r));
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#subscription.dispose();
    this.#onDidChangeTreeData.dispose();
    this.#onDidChangeFilter.dispose();
  }
}
